package dev.bramble.lsp.services;

import dev.bramble.lang.source.Position;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Tensor;
import dev.bramble.lsp.analysis.Convert;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import dev.bramble.lsp.analysis.TargetEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * Hover: a constant's value; a layer's widths, tensors, parameters, bits and, on the current
 * target, its ROM shape, block RAMs, DSPs and cycles; a target's whole budget; a part's resources.
 */
public final class HoverService {

    public Hover hover(DocumentAnalysis analysis, Position p, CancelChecker cancel) {
        LexedText lexed = new LexedText(analysis.source());
        cancel.checkCanceled();
        for (TargetEstimate t : analysis.estimates()) {
            dev.bramble.lang.source.Range name = t.target().deviceNameRange();
            if (name != null && name.contains(p) && t.device() != null) return hover(BudgetHover.device(t.device()), name);
        }
        return SymbolAt.find(analysis.design(), lexed, p).map(found -> hover(analysis, found, p, lexed)).orElse(null);
    }

    private Hover hover(DocumentAnalysis analysis, SymbolAt.Found found, Position p, LexedText lexed) {
        if (found instanceof SymbolAt.ConstantFound c) {
            return hover(constantText(c), c.constant().nameRange().contains(p)
                    ? c.constant().nameRange()
                    : c.uses().stream().filter(u -> u.contains(p)).findFirst().orElse(c.constant().nameRange()));
        }
        if (found instanceof SymbolAt.LayerFound l) {
            // An anonymous layer (rmsnorm, attention, ...) highlights its keyword, not its whole body.
            dev.bramble.lang.source.Range keyword = lexed.tokens().get(lexed.firstAtOrAfter(l.layer().range().start())).range();
            return hover(layerText(l.model(), l.layer()) + BudgetHover.layer(analysis, l.layer()),
                    l.name() != null ? l.name() : keyword);
        }
        SymbolAt.TargetFound t = (SymbolAt.TargetFound) found;
        return analysis.target(t.target().name()).map(te -> hover(BudgetHover.target(te), t.target().nameRange())).orElse(null);
    }

    private static Hover hover(String markdown, dev.bramble.lang.source.Range range) {
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown), Convert.range(range));
    }

    static String constantText(SymbolAt.ConstantFound c) {
        int uses = c.uses().size();
        return "```bramble\n" + c.constant().name() + " = " + c.constant().value() + "\n```\n"
                + "constant of model `" + c.model().name() + "`, used " + uses + (uses == 1 ? " time" : " times");
    }

    static String layerText(Model model, Layer layer) {
        StringBuilder s = new StringBuilder();
        s.append("**").append(layer.kind()).append("** `").append(layer.path()).append("` · width ").append(layer.inWidth()).append(" → ").append(layer.outWidth());
        if (layer instanceof AttentionLayer a) {
            s.append(" · ").append(a.heads()).append(" heads of ").append(a.headDim());
        }
        s.append('\n');
        List<Tensor> tensors = ownAndChildTensors(layer);
        if (!tensors.isEmpty()) {
            int bits = model.weightFormat().totalBits();
            long params = 0;
            s.append("\n| tensor | shape | parameters |\n|---|---|---:|\n");
            for (Tensor t : tensors) {
                params += t.elements();
                s.append("| `").append(t.path()).append("` | ").append(t.shape()).append(" | ")
                        .append(group(t.elements())).append(" |\n");
            }
            long totalBits = 0;
            boolean mixed = false;
            for (Tensor t : tensors) {
                totalBits += t.elements() * t.formatOr(model.weightFormat()).totalBits();
                mixed |= !t.formatOr(model.weightFormat()).equals(model.weightFormat());
            }
            s.append("\n").append(group(params)).append(params == 1 ? " parameter" : " parameters");
            if (mixed) s.append(" in their layers' own formats = ").append(group(totalBits)).append(" bits");
            else s.append(" × ").append(bits).append(" bits (").append(model.weightFormat()).append(") = ").append(group(params * bits)).append(" bits");
            for (Tensor t : tensors) {
                if (t.format() != null || t.source() != null) {
                    s.append("\n\n`").append(t.path()).append("`");
                    if (t.format() != null) s.append(" in ").append(t.format());
                    if (t.source() != null) s.append(" from ").append(t.source().describe());
                }
            }
        }
        if (layer instanceof dev.bramble.lang.model.LinearLayer l && l.tied()) {
            s.append("\n\nuses `").append(l.tiedTo()).append("`'s table (tied): no matrix of its own");
        }
        return s.toString();
    }

    /** A block's or attention's tensors are its children's: the reader wants the total. */
    static List<Tensor> ownAndChildTensors(Layer layer) {
        List<Tensor> out = new ArrayList<>(layer.tensors());
        for (Layer child : layer.children()) out.addAll(ownAndChildTensors(child));
        return out;
    }

    static String group(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
