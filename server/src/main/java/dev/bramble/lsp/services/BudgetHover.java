package dev.bramble.lsp.services;

import dev.bramble.device.Device;
import dev.bramble.estimate.Estimate;
import dev.bramble.lang.model.Layer;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import dev.bramble.project.TargetEstimate;
import dev.bramble.plan.TensorLayout;
import java.util.Locale;

/** The hardware half of hovers: a layer's ROM shape and cost, a target's whole budget, a part's resources. */
final class BudgetHover {
    private BudgetHover() {}

    /** Appended to a layer's hover: its cost on the current target; empty without an estimate. */
    static String layer(DocumentAnalysis analysis, Layer layer) {
        TargetEstimate t = analysis.currentTarget().orElse(null);
        if (t == null || !t.available()) return "";
        Estimate e = t.estimate();
        StringBuilder s = new StringBuilder();
        LayerCosts.Cost cost = LayerCosts.of(e).get(layer.range());
        String bram = t.device().family().blockRam().name();
        s.append("\n\n**on `").append(t.target().name()).append("`** (").append(t.device().base()).append(", ")
                .append(e.plan().lanes()).append(" lanes)");
        if (cost != null) {
            s.append(String.format(Locale.ROOT, ": %d %s · %d DSP · %s cycles per token", cost.bram(), bram, cost.dsp(),
                    InlayHintService.cycles(cost.cycles())));
        }
        java.util.Set<String> tensors = new java.util.HashSet<>();
        HoverService.ownAndChildTensors(layer).forEach(x -> tensors.add(x.path()));
        for (TensorLayout l : e.plan().layouts()) {
            if (!tensors.contains(l.tensor())) continue;
            s.append(String.format(Locale.ROOT, "\n- ROM `%s`: %d words × %d bits in each of %d lane banks (addresses %d–%d, %s)",
                    l.tensor(), l.depthPerLane(), e.plan().weightBits(), e.plan().lanes(), l.base(), l.base() + l.depthPerLane() - 1,
                    e.plan().romInBlockRam() ? "block RAM" : "LUT ROM"));
        }
        return s.toString();
    }

    static String target(TargetEstimate t) {
        StringBuilder s = new StringBuilder("**target ").append(t.target().name()).append("**");
        if (t.device() == null) return s.append(" on `").append(t.target().device()).append("`: ").append(t.why()).toString();
        s.append(" on ").append(t.device().displayName()).append(", ").append(t.device().family().name()).append('\n');
        if (!t.available()) return s.append("\nno estimate: ").append(t.why()).toString();
        Estimate e = t.estimate();
        int budget = t.target().budgetPercent() > 0 ? t.target().budgetPercent() : 80;
        s.append("\n| resource | used | of | % |\n|---|---:|---:|---:|\n");
        row(s, e.device().family().blockRam().name(), e.bram(), e.device().bram(), e.bramPercent(), budget);
        row(s, "DSP", e.dsp(), e.device().dsp(), e.dspPercent(), budget);
        row(s, e.device().family().logicUnit() + " (≈)", e.lut(), e.device().logic(), e.lutPercent(), budget);
        row(s, "FF (≈)", e.ff(), e.device().ffs(), e.ffPercent(), budget);
        s.append(String.format(Locale.ROOT, "\n%s cycles per token · %s tokens/s at %s MHz · %,d parameters (%,d bits) · budget %d%%",
                InlayHintService.cycles(e.cyclesPerToken()), CodeLensService.rate(e.tokensPerSecond()),
                trim(t.target().clockMHz()), e.params(), e.weightBits(), budget));
        for (String note : e.notes()) s.append("  \n_").append(note).append("_");
        return s.toString();
    }

    private static void row(StringBuilder s, String name, long used, long of, double percent, int budget) {
        s.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %s%.0f%% |\n", name, used, of, percent > budget ? "⚠ " : "", percent));
    }

    static String device(Device d) {
        StringBuilder s = new StringBuilder("**").append(d.base()).append("**");
        if (!d.aliases().isEmpty()) s.append(" (").append(String.join(", ", d.aliases())).append(")");
        s.append(" · ").append(d.family().vendor()).append(' ').append(d.family().name()).append('\n');
        s.append(String.format(Locale.ROOT, "\n%,d %s · %,d FF · %d %s (%,d bits) · %d DSP (%s)",
                d.logic(), d.family().logicUnit(), d.ffs(), d.bram(), d.family().blockRam().name(), d.bramBits(), d.dsp(),
                d.family().dsp().name()));
        if (d.largeRam() != null && d.largeRam().count() > 0) {
            s.append(String.format(Locale.ROOT, " · %d %s", d.largeRam().count(), d.largeRam().name()));
        }
        if (d.source() != null) s.append("  \n_source: ").append(d.source()).append("_");
        return s.toString();
    }

    static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
