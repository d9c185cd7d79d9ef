package dev.bramble.lsp.services;

import dev.bramble.lsp.LspAssert;

import static dev.bramble.lsp.LspAssert.*;

import dev.bramble.device.DeviceCatalog;
import dev.bramble.lsp.LspAssert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.lsp.analysis.BudgetNotification;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * The features that show the estimate: inlay hints, code lenses, budget hover, the budget
 * notification and the quick fixes of budget diagnostics. Figures come from the estimator;
 * these tests check that the editor shows them on the right lines and applies the right edits.
 */
class BudgetFeaturesTest {
    private static String onXc7a35t(String dim) {
        return exampleFirstTarget("microgpt").replace("dim     = 16", "dim     = " + dim).replace("5CSEMA5F31C6", "xc7a35t");
    }

    @Test
    void inlayHintsSitAtTheEndOfEachLayerLine() {
        DocumentAnalysis a = analyze(example("microgpt"));
        var hints = new InlayHintService().hints(a, null, NEVER);
        // Where: after the last code token of each layer line (before a trailing comment).
        assertEquals("10:30 11:41 12:11 16:19 17:31 18:43 19:43 20:43 21:43 25:19 26:48 27:43 31:33 32:33", hints.stream()
                .map(h -> h.getPosition().getLine() + ":" + h.getPosition().getCharacter()).collect(Collectors.joining(" ")));
        // What: the estimator's figures for that layer, in the one format.
        hints.forEach(h -> assertTrue(h.getLabel().getLeft().matches("≈ \\d+ M10K · \\d+ DSP · [\\d.]+ cyc"), h.getLabel().getLeft()));
        // The hints add up to the target's totals.
        var e = a.currentTarget().orElseThrow().estimate();
        assertEquals(e.bram() + " " + e.dsp(), hints.stream().mapToInt(h -> Integer.parseInt(h.getLabel().getLeft().split(" ")[1])).sum()
                + " " + hints.stream().mapToInt(h -> Integer.parseInt(h.getLabel().getLeft().split(" ")[4])).sum());
    }

    @Test
    void visibleRangeLimitsHints() {
        var hints = new InlayHintService().hints(analyze(example("microgpt")), r(18, 0, 21, 0), NEVER);
        assertEquals("18 19 20 21", hints.stream().map(h -> String.valueOf(h.getPosition().getLine())).collect(Collectors.joining(" ")));
    }

    @Test
    void noHintsWithoutAnEstimate() {
        assertEquals(List.of(), new InlayHintService().hints(analyze(example("microgpt").replace("5CSEMA5F31C6", "nosuchpart")), null, NEVER));
    }

    @Test
    void codeLensesOnEachTarget() {
        String lenses = new CodeLensService().lenses(analyze(example("microgpt")), NEVER).stream()
                .map(l -> l.getRange().getStart().getLine() + " " + l.getCommand().getTitle() + " " + l.getCommand().getCommand())
                .collect(Collectors.joining("\n"));
        // microGPT's figures on the DE1-SoC (docs/benchmarks.md): 32 M10K (16 banks, the KV cache's K and V halves in 7,
        // the scalar unit's seed table 1, four head lanes' exp tables 2 each), 10 DSP blocks (the norm's √16 and the sampler's 1/0.5 are shifts;
        // rsqrt and recip share one scalar unit), 340 cycles, 56.25 MHz / 340
        // ... and its iCEBreaker target (a board: "Build bitstream" too): one lane, the sums and logits in SPRAM,
        // 28 of 30 block RAMs, 6 of 8 SB_MAC16, 4,039 cycles at 6 MHz
        assertEquals("35 M10K 32/397 · DSP 10/87 · 340 cyc/token · 165k tok/s bramble.estimate\n"
                + "35 Generate Verilog bramble.emit\n35 Simulate bramble.simulate\n35 Synthesize bramble.synth\n"
                + "46 SB_RAM40_4K 28/30 · DSP 6/8 · 4039 cyc/token · 1.5k tok/s bramble.estimate\n"
                + "46 Generate Verilog bramble.emit\n46 Simulate bramble.simulate\n46 Synthesize bramble.synth\n46 Build bitstream bramble.build", lenses);
    }

    @Test
    void targetHoverShowsTheWholeBudget() {
        Cursor c = cursor(microgptWithCursorBefore("de1soc {"));
        String text = new HoverService().hover(c.analysis(), c.position(), NEVER).getContents().getRight().getValue();
        assertTrue(text.startsWith("**target de1soc** on 5CSEMA5"), text);
        assertTrue(text.contains("| M10K |") && text.contains("| DSP |") && text.contains("cycles per token"), text);
    }

    @Test
    void deviceHoverShowsThePartsResources() {
        Cursor c = cursor(microgptWithCursorBefore("5CSEMA5F31C6"));
        String text = new HoverService().hover(c.analysis(), c.position(), NEVER).getContents().getRight().getValue();
        assertTrue(text.startsWith("**5CSEMA5**"), text);
        assertTrue(text.contains(" M10K ") && text.contains(" DSP "), text);
    }

    /**
     * A board target over budget: the part fix names a board with a part that holds the design
     * ("Use board ..."), or turns the board line into a device line — never a part's name on a
     * board line, which no board has.
     */
    @Test
    void aBoardTargetsPartFixNamesABoardOrADeviceLine() {
        String text = example("microgpt").replace("dim     = 16", "dim     = 64").replace("\"microgpt.safetensors\"", "random seed 3");
        DocumentAnalysis a = analyze(text);
        List<Diagnostic> over = new DiagnosticsService().diagnostics(a, NEVER).stream()
                .filter(x -> x.getCode().getLeft().endsWith("-over") && x.getRange().getStart().getLine() >= 46).toList();
        assertTrue(!over.isEmpty(), "the icebreaker target is over budget at dim 64");
        var fixes = new CodeActionService().actions(a, over, NEVER).stream().map(e -> e.getRight())
                .filter(x -> x.getTitle().startsWith("Use ") && !x.getTitle().contains("weights") && !x.getTitle().contains("lanes")).toList();
        assertTrue(!fixes.isEmpty(), "a part is offered");
        for (var f : fixes) {
            var edit = f.getEdit().getChanges().get(URI).get(0);
            String edited = LspAssert.apply(text, edit);
            var target = dev.bramble.lang.Bramble.analyze("m.bramble", edited).target("icebreaker").orElseThrow();
            if (f.getTitle().startsWith("Use board ")) {
                assertTrue(DeviceCatalog.standard().board(target.board()).isPresent(), f.getTitle() + ": " + target.board());
            } else {
                assertEquals(null, target.board(), f.getTitle());
                assertTrue(DeviceCatalog.standard().find(target.device()).isPresent(), f.getTitle() + ": " + target.device());
            }
        }
    }

    @Test
    void budgetErrorOnTheDeviceLineAndTheOverflowingLayer() {
        // In the one pipeline's order (by position), as bramble check prints them.
        List<Diagnostic> d = new DiagnosticsService().diagnostics(analyze(onXc7a35t("512")), NEVER);
        assertEquals("""
                18 bram-over layer0.attn_wq brings weights to 4.5 Mbit in 256 RAMB18; xc7a35t has 100
                36 bram-over weights need 2816 RAMB18; xc7a35t has 100 (50.9 Mbit of weights, 16 lanes)""",
                d.stream().filter(x -> x.getCode().getLeft().equals("bram-over"))
                        .map(x -> x.getRange().getStart().getLine() + " " + x.getCode().getLeft() + " " + x.getMessage().getLeft())
                        .collect(Collectors.joining("\n")));
    }

    @Test
    void budgetQuickFixesEditWhatTheyName() {
        DocumentAnalysis a = analyze(onXc7a35t("128"));
        List<Diagnostic> d = new DiagnosticsService().diagnostics(a, NEVER);
        List<Diagnostic> budget = d.stream().filter(x -> x.getCode().getLeft().equals("bram-over")).limit(1).toList();
        String actions = new CodeActionService().actions(a, budget, NEVER).stream().map(e -> e.getRight())
                .map(x -> x.getTitle() + (Boolean.TRUE.equals(x.getIsPreferred()) ? " (preferred) " : " ")
                        + show(x.getEdit().getChanges().get(URI).get(0).getRange()) + "=" + x.getEdit().getChanges().get(URI).get(0).getNewText())
                .collect(Collectors.joining("\n"));
        // LUT storage overflows the logic; q4.4 weights fit now that attention's products run on
        // the lanes (at dim 128 it once had one multiplier per element, over the part's DSPs) and
        // two 16-bit depth slices share a 512 x 36 block as Yosys lays them (it took q2.2 before).
        assertEquals("""
                Use xc7a100t (arty-a7-100) (preferred) r(36, 12, 36, 19)=xc7a100t
                Use q4.4 weights r(8, 4, 8, 44)=numeric weights q4.4, activations q6.10""", actions);
    }

    @Test
    void unknownPartOffersClosestNames() {
        DocumentAnalysis a = analyze(example("microgpt").replace("5CSEMA5F31C6", "xc7a35"));
        List<Diagnostic> d = new DiagnosticsService().diagnostics(a, NEVER);
        assertEquals("unknown-device", d.get(0).getCode().getLeft());
        assertTrue(new CodeActionService().actions(a, d, NEVER).get(0).getRight().getTitle().startsWith("Use xc7a35t"),
                new CodeActionService().actions(a, d, NEVER).toString());
    }

    @Test
    void budgetNotificationCarriesTheCurrentTargetsTotals() {
        String json = BudgetNotification.of(analyze(onXc7a35t("16"))).toString();
        assertTrue(json.startsWith("{\"uri\":\"" + LspAssert.URI + "\",\"version\":1,\"target\":\"de1soc\",\"device\":\"xc7a35t\",\"available\":true,"
                + "\"items\":[{\"resource\":\"RAMB18\",\"used\":33,\"available\":100,\"percent\":33.0}"), json);
        assertTrue(BudgetNotification.of(analyze(example("microgpt").replace("dim     = 16", "dim     = x"))).toString()
                .contains("\"available\":false,\"why\":\"fix the errors first\""));
        // on the iCEBreaker the sums and the logits take the UP5K's four SPRAMs: an item after the others
        String up5k = BudgetNotification.of(analyze(exampleFirstTarget("microgpt").replace("device  5CSEMA5F31C6", "board   icebreaker")
                .replace("lanes   16", "lanes   1").replace("clock   56.25 MHz", "clock   6 MHz"))).toString();
        assertTrue(up5k.contains("{\"resource\":\"FF\",") && up5k.contains("},{\"resource\":\"SPRAM\",\"used\":4,\"available\":4,\"percent\":100.0}]"), up5k);
        assertTrue(!json.contains("SPRAM"), json);
    }

    @Test
    void deviceCompletionListsCatalogueNamesAndAliases() {
        Cursor c = cursor("target t {\n    device |\n}");
        List<CompletionItem> items = new CompletionService(DeviceCompletions::fromCatalogue).complete(c.analysis(), c.position(), NEVER).getItems();
        CompletionItem part = items.stream().filter(i -> i.getLabel().equals("xc7a35t")).findFirst().orElseThrow();
        assertTrue(part.getDetail().contains("100 RAMB18 · 90 DSP"), part.getDetail());
        assertTrue(items.stream().anyMatch(i -> i.getLabel().equals("arty-a7-100")), "aliases are offered too");
    }
}
