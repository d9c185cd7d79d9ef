package dev.bramble.lsp.services;

import dev.bramble.lang.source.Position;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * Find references. Constants: every use (plus the definition when asked). Layers: the language
 * has no expressions that name a layer, so a layer's only occurrence is its declaration.
 */
public final class ReferencesService {

    public List<Location> references(DocumentAnalysis analysis, Position p, boolean includeDeclaration, CancelChecker cancel) {
        cancel.checkCanceled();
        return SymbolAt.find(analysis.design(), analysis.lexed(), p).map(found -> {
            List<Location> out = new ArrayList<>();
            if (found instanceof SymbolAt.ConstantFound c) {
                if (includeDeclaration) out.add(DefinitionService.location(analysis, c.constant().nameRange()));
                c.uses().forEach(u -> out.add(DefinitionService.location(analysis, u)));
            } else if (found instanceof SymbolAt.LayerFound l) {
                if (includeDeclaration && l.name() != null) out.add(DefinitionService.location(analysis, l.name()));
            } else if (includeDeclaration) {
                out.add(DefinitionService.location(analysis, ((SymbolAt.TargetFound) found).target().nameRange()));
            }
            return out;
        }).orElse(List.of());
    }
}
