package dev.bramble.lsp.services;

import static dev.bramble.lsp.LspAssert.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bramble.lsp.analysis.DocumentAnalysis;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CodeActionServiceTest {

    @Test
    void unknownNameOffersTheClosestConstants() {
        DocumentAnalysis a = analyze(example("microgpt").replace("[vocab, dim]", "[vocab, dimm]"));
        var diagnostics = new DiagnosticsService().diagnostics(a, NEVER);
        String actions = new CodeActionService().actions(a, diagnostics, NEVER).stream()
                .map(e -> e.getRight().getTitle() + " " + e.getRight().getKind() + " "
                        + show(e.getRight().getEdit().getChanges().get(URI).get(0).getRange()) + "="
                        + e.getRight().getEdit().getChanges().get(URI).get(0).getNewText())
                .collect(Collectors.joining("\n"));
        assertEquals("Change to 'dim' quickfix r(10, 26, 10, 30)=dim", actions);
    }

    @Test
    void budgetErrorsOfferThePartsThatFitComputedOnRequest() {
        String dim512 = exampleFirstTarget("microgpt").replace("5CSEMA5F31C6", "xc7a35t").replace("dim     = 16", "dim     = 512")
                .replace("\"microgpt.safetensors\"", "random seed 3");
        assertEquals("bram-over Use xcvu9p (vcu118) r(36, 12, 36, 19)=xcvu9p", fixesOfFirst(dim512, "bram-over"));
        String dim128 = dim512.replace("dim     = 512", "dim     = 128");
        // Weights in LUTs would overflow the part's logic: not offered. A narrower format (8 bits,
        // two depth slices of a bank side by side in a block, as Yosys maps them) fits now that
        // attention's products run on the lanes (no multiplier per element at dim 128); with
        // the activation rows in LUT RAM an Artix-7 100T holds the design (it took a Kintex before).
        assertEquals("""
                bram-over Use xc7a100t (arty-a7-100) r(36, 12, 36, 19)=xc7a100t
                bram-over Use q4.4 weights r(8, 4, 8, 44)=numeric weights q4.4, activations q6.10""", fixesOfFirst(dim128, "bram-over"));
        // 64 lanes need more SB_MAC16 than an UP5K has: the smallest part that holds the design in every resource.
        String lanes = exampleFirstTarget("microgpt").replace("5CSEMA5F31C6", "ice40up5k").replace("lanes   16", "lanes   64")
                .replace("\"microgpt.safetensors\"", "random seed 3");
        // (every product on the 64 lanes plus a few scalar units: an LFE5U-85F's 156 MULT18X18D hold them, and with
        // the activation rows in LUT RAM its logic does too — it took an xc7a100t while they were flip-flops)
        // ... and since the norms' rsqrt and attention's reciprocal share one scalar unit and a lane
        // is one SB_MAC16 (its 17 x 18 product's low bit of b in logic), three lanes' multipliers
        // fit the UP5K's 8 SB_MAC16 (the fix is judged on DSP alone: its logic does not)
        assertEquals("""
                dsp-over Use lfe5u-85f (ulx3s-85f) r(36, 12, 36, 21)=lfe5u-85f
                dsp-over Use 3 lanes r(38, 4, 38, 14)=lanes 3""", fixesOfFirst(lanes, "dsp-over"));
    }

    private static String fixesOfFirst(String text, String code) {
        DocumentAnalysis a = analyze(text);
        var d = new DiagnosticsService().diagnostics(a, NEVER).stream()
                .filter(x -> code.equals(x.getCode().getLeft())).findFirst().orElseThrow(() -> new AssertionError("no " + code));
        return new CodeActionService().actions(a, java.util.List.of(d), NEVER).stream()
                .map(e -> code + " " + e.getRight().getTitle() + " " + show(e.getRight().getEdit().getChanges().get(URI).get(0).getRange()) + "="
                        + e.getRight().getEdit().getChanges().get(URI).get(0).getNewText())
                .collect(Collectors.joining("\n"));
    }
}
