package dev.bramble.lsp.services;

import dev.bramble.lsp.analysis.LexedText;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Position;
import dev.bramble.lang.source.Range;
import dev.bramble.lang.model.Constant;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Reference;
import dev.bramble.lang.model.Target;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the name under the cursor means: a constant (at its definition or at a use), a layer
 * (at its name or keyword), or a target. Shared by hover, definition, references and rename so
 * that they all agree on what "the symbol here" is.
 */
public final class SymbolAt {
    private SymbolAt() {}

    public sealed interface Found permits ConstantFound, LayerFound, TargetFound {}

    /** @param uses every use, without the definition, in document order, no duplicates */
    public record ConstantFound(Model model, Constant constant, List<Range> uses) implements Found {}

    /** @param name the layer's name token, or null for an anonymous layer (rmsnorm, residual, ...) */
    public record LayerFound(Model model, Layer layer, Range name) implements Found {}

    public record TargetFound(Target target) implements Found {}

    public static Optional<Found> find(Design design, LexedText lexed, Position p) {
        Optional<Found> constant = constantAt(design, p);
        if (constant.isPresent()) return constant;
        for (Target t : design.targets()) {
            if (t.nameRange() != null && t.nameRange().contains(p)) return Optional.of(new TargetFound(t));
        }
        return layerAt(design, lexed, p).map(f -> f);
    }

    public static Optional<Found> constantAt(Design design, Position p) {
        for (Model m : design.models()) {
            for (Constant c : m.constants()) {
                if (c.nameRange().contains(p)) return Optional.of(new ConstantFound(m, c, usesOf(design, c)));
            }
        }
        for (Reference r : design.references()) {
            if (!r.range().contains(p)) continue;
            for (Model m : design.models()) {
                for (Constant c : m.constants()) {
                    if (c.nameRange().equals(r.definition())) return Optional.of(new ConstantFound(m, c, usesOf(design, c)));
                }
            }
        }
        return Optional.empty();
    }

    static List<Range> usesOf(Design design, Constant c) {
        Set<Range> uses = new LinkedHashSet<>();
        for (Reference r : design.references()) {
            if (r.definition().equals(c.nameRange())) uses.add(r.range());
        }
        List<Range> sorted = new ArrayList<>(uses);
        sorted.sort((a, b) -> a.start().compareTo(b.start()));
        return sorted;
    }

    /**
     * The innermost layer whose first line holds {@code p} (its keyword, name or shape): hovering
     * anywhere on {@code linear fc1 [64 -> 32] relu} means fc1, not the block around it.
     */
    public static Optional<LayerFound> layerAt(Design design, LexedText lexed, Position p) {
        LayerFound best = null;
        for (Model m : design.models()) {
            for (Layer layer : m.flatLayers()) {
                Range r = layer.range();
                if (r.start().line() != p.line() || p.compareTo(r.start()) < 0) continue;
                if (best == null || best.layer().range().start().compareTo(r.start()) < 0) {
                    LexedText.Tok name = named(layer) ? lexed.nameAfter(r.start()) : null;
                    best = new LayerFound(m, layer, name == null ? null : name.range());
                }
            }
        }
        return Optional.ofNullable(best);
    }

    static boolean named(Layer layer) {
        return switch (layer.kind()) {
            case "input", "embedding", "linear", "block" -> true;
            default -> false;
        };
    }
}
