package dev.bramble.lsp.services;

import dev.bramble.lang.source.Position;
import dev.bramble.lsp.analysis.Convert;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** Go to definition: a constant's use jumps to {@code name = value}; a layer's or target's name is its own definition. */
public final class DefinitionService {

    public List<Location> definition(DocumentAnalysis analysis, Position p, CancelChecker cancel) {
        cancel.checkCanceled();
        return SymbolAt.find(analysis.design(), analysis.lexed(), p).map(found -> {
            if (found instanceof SymbolAt.ConstantFound c) return List.of(location(analysis, c.constant().nameRange()));
            if (found instanceof SymbolAt.LayerFound l) {
                return l.name() == null ? List.<Location>of() : List.of(location(analysis, l.name()));
            }
            return List.of(location(analysis, ((SymbolAt.TargetFound) found).target().nameRange()));
        }).orElse(List.of());
    }

    static Location location(DocumentAnalysis analysis, dev.bramble.lang.source.Range range) {
        return new Location(analysis.uri(), Convert.range(range));
    }
}
