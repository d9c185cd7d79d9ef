package dev.bramble.lsp.services;

import dev.bramble.lsp.analysis.LexedText;
import dev.bramble.lang.source.Range;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.Model;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import dev.bramble.project.TargetEstimate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * The cost of each layer at the end of its line, for the current target:
 * {@code ≈ 2 BRAM18 · 16 DSP · 64 cyc}. Nothing when the design has no estimate (errors,
 * unknown part): a stale or guessed figure would mislead.
 */
public final class InlayHintService {

    public List<InlayHint> hints(DocumentAnalysis analysis, org.eclipse.lsp4j.Range visible, CancelChecker cancel) {
        TargetEstimate current = analysis.currentTarget().orElse(null);
        Model model = analysis.design().model().orElse(null);
        if (current == null || !current.available() || model == null) return List.of();
        Map<Range, LayerCosts.Cost> costs = LayerCosts.of(current.estimate());
        LexedText lexed = analysis.lexed();
        cancel.checkCanceled();
        String bramName = current.device().family().blockRam().name();
        List<InlayHint> out = new ArrayList<>();
        Set<Range> seen = new HashSet<>();
        for (Layer layer : model.flatLayers()) {
            Range r = layer.range();
            LayerCosts.Cost cost = costs.get(r);
            if (cost == null || !seen.add(r)) continue;
            int line = r.start().line();
            if (visible != null && (line < visible.getStart().getLine() || line > visible.getEnd().getLine())) continue;
            InlayHint hint = new InlayHint(endOfCode(lexed, analysis, line), Either.forLeft(label(cost, bramName)));
            hint.setPaddingLeft(true);
            hint.setTooltip(String.format(Locale.ROOT, "%s on %s (target %s): %,d parameters, %d %s, %d DSP, %.1f cycles per token",
                    layer.path(), current.device().base(), current.target().name(), cost.params(), cost.bram(), bramName,
                    cost.dsp(), cost.cycles()));
            out.add(hint);
        }
        return out;
    }

    public static String label(LayerCosts.Cost cost, String bramName) {
        return String.format(Locale.ROOT, "≈ %d %s · %d DSP · %s cyc", cost.bram(), bramName, cost.dsp(), cycles(cost.cycles()));
    }

    static String cycles(double c) {
        return Math.abs(c - Math.rint(c)) < 0.05 ? String.valueOf(Math.round(c)) : String.format(Locale.ROOT, "%.1f", c);
    }

    /** After the last code token of the line: before a trailing comment, so the hint reads as part of the statement. */
    private static Position endOfCode(LexedText lexed, DocumentAnalysis analysis, int line) {
        int end = -1;
        for (LexedText.Tok t : lexed.tokens()) {
            if (t.range().start().line() > line) break;
            if (t.range().end().line() == line && !t.isComment()) end = t.range().end().character();
        }
        if (end < 0) end = analysis.source().line(line).stripTrailing().length();
        return new Position(line, end);
    }
}
