package dev.bramble.lsp.services;

import dev.bramble.lsp.analysis.LexedText;
import dev.bramble.lang.source.Range;
import dev.bramble.lang.model.Constant;
import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Target;
import dev.bramble.lsp.analysis.Convert;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** The outline: each model with its constants and layer tree, each target with its fields. */
public final class DocumentSymbolService {

    public List<DocumentSymbol> symbols(DocumentAnalysis analysis, CancelChecker cancel) {
        LexedText lexed = analysis.lexed();
        List<DocumentSymbol> out = new ArrayList<>();
        for (Model m : analysis.design().models()) {
            cancel.checkCanceled();
            List<DocumentSymbol> children = new ArrayList<>();
            for (Constant c : m.constants()) {
                children.add(symbol(c.name(), String.valueOf(c.value()), SymbolKind.Constant, c.range(), c.nameRange(), List.of()));
            }
            children.addAll(layers(m.layers(), lexed, new HashSet<>()));
            out.add(symbol(m.name(), "model", SymbolKind.Module, m.range(), m.nameRange(), children));
        }
        for (Target t : analysis.design().targets()) {
            List<DocumentSymbol> fields = new ArrayList<>();
            if (t.deviceRange() != null) {
                // a board target names its board on that line (the part comes from the board)
                boolean board = t.board() != null;
                fields.add(symbol(board ? "board" : "device", board ? t.board() : t.device(), SymbolKind.Property, t.deviceRange(), t.deviceRange(), List.of()));
            }
            if (t.clockRange() != null) fields.add(symbol("clock", t.clockMHz() + " MHz", SymbolKind.Property, t.clockRange(), t.clockRange(), List.of()));
            if (t.lanesRange() != null) fields.add(symbol("lanes", String.valueOf(t.lanes()), SymbolKind.Property, t.lanesRange(), t.lanesRange(), List.of()));
            if (t.storageRange() != null && t.storage() != null) {
                fields.add(symbol("storage", t.storage().name().toLowerCase(java.util.Locale.ROOT), SymbolKind.Property, t.storageRange(), t.storageRange(), List.of()));
            }
            out.add(symbol(t.name(), "target " + (t.device() == null ? "" : t.device()), SymbolKind.Object, t.range(), t.nameRange(), fields));
        }
        return out;
    }

    /** A repeated block expands to several layers with one source range: the outline shows the source once. */
    private List<DocumentSymbol> layers(List<Layer> layers, LexedText lexed, Set<Range> seen) {
        List<DocumentSymbol> out = new ArrayList<>();
        for (Layer layer : layers) {
            if (!seen.add(layer.range())) continue;
            LexedText.Tok nameTok = SymbolAt.named(layer) ? lexed.nameAfter(layer.range().start()) : null;
            Range selection = nameTok != null ? nameTok.range() : lexed.tokens().get(lexed.firstAtOrAfter(layer.range().start())).range();
            String name = nameTok != null ? nameTok.text() : layer.kind();
            out.add(symbol(name, detail(layer), kind(layer), layer.range(), selection, layers(layer.children(), lexed, seen)));
        }
        return out;
    }

    private static String detail(Layer layer) {
        if (layer instanceof LinearLayer l) return "linear [" + l.inWidth() + " -> " + l.outWidth() + "]";
        if (layer instanceof EmbeddingLayer e) return "embedding [" + e.rows() + ", " + e.dim() + "]" + (e.position() ? " position" : "");
        return layer.kind() + " " + layer.outWidth();
    }

    private static SymbolKind kind(Layer layer) {
        return switch (layer.kind()) {
            case "block", "residual" -> SymbolKind.Namespace;
            case "attention" -> SymbolKind.Class;
            case "linear" -> SymbolKind.Function;
            case "embedding" -> SymbolKind.Array;
            case "input" -> SymbolKind.Variable;
            case "sample", "argmax" -> SymbolKind.Event;
            default -> SymbolKind.Operator;
        };
    }

    private static DocumentSymbol symbol(String name, String detail, SymbolKind kind, Range range, Range selection, List<DocumentSymbol> children) {
        DocumentSymbol s = new DocumentSymbol(name.isEmpty() ? "?" : name, kind, Convert.range(range), Convert.range(selection), detail);
        s.setChildren(children);
        return s;
    }
}
