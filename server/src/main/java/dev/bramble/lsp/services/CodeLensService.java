package dev.bramble.lsp.services;

import dev.bramble.estimate.Estimate;
import dev.bramble.lsp.analysis.Convert;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import dev.bramble.project.TargetEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * Above each target: its fit ({@code BRAM 38/100 · DSP 16/90 · 312 cyc/token · 180k tok/s}) and
 * the one-click commands. Every lens carries {@code [uri, targetName]} as its arguments.
 */
public final class CodeLensService {
    public static final String ESTIMATE = "bramble.estimate";
    public static final String EMIT = "bramble.emit";
    public static final String SIMULATE = "bramble.simulate";
    public static final String SYNTH = "bramble.synth";
    public static final String BUILD = "bramble.build";

    public List<CodeLens> lenses(DocumentAnalysis analysis, CancelChecker cancel) {
        List<CodeLens> out = new ArrayList<>();
        for (TargetEstimate t : analysis.estimates()) {
            cancel.checkCanceled();
            org.eclipse.lsp4j.Range at = Convert.range(t.target().nameRange());
            List<Object> args = List.of(analysis.uri(), t.target().name());
            String summary = t.available() ? summary(t.estimate()) : "no estimate: " + t.why();
            out.add(new CodeLens(at, new Command(summary, ESTIMATE, args), null));
            out.add(new CodeLens(at, new Command("Generate Verilog", EMIT, args), null));
            out.add(new CodeLens(at, new Command("Simulate", SIMULATE, args), null));
            out.add(new CodeLens(at, new Command("Synthesize", SYNTH, args), null));
            if (t.target().board() != null) {      // a target on a board: bramble build
                boolean ice40 = t.device() != null && t.device().family().id().equals("ice40");
                out.add(new CodeLens(at, new Command(ice40 ? "Build bitstream" : "Build project", BUILD, args), null));
            }
        }
        return out;
    }

    public static String summary(Estimate e) {
        return String.format(Locale.ROOT, "%s %d/%d · DSP %d/%d · %s cyc/token · %s tok/s",
                e.device().family().blockRam().name(), e.bram(), e.device().bram(), e.dsp(), e.device().dsp(),
                InlayHintService.cycles(e.cyclesPerToken()), rate(e.tokensPerSecond()));
    }

    static String rate(double perSecond) {
        if (perSecond >= 1e6) return String.format(Locale.ROOT, "%.1fM", perSecond / 1e6);
        if (perSecond >= 1e4) return String.format(Locale.ROOT, "%.0fk", perSecond / 1e3);
        if (perSecond >= 1e3) return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);   // 1.5k, not 1k, for a one-lane UP5K
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }
}
