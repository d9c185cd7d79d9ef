package dev.bramble.synth;


import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.device.Device;
import dev.bramble.device.DeviceCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Yosys on a whole emitted design maps exactly the block RAMs and DSP cells the estimator
 * predicted, wherever Yosys can map them (block RAM and DSP on xc7, iCE40, ECP5; DSP on
 * Cyclone V; block RAM on Gowin), and logic within 20 % of the estimate. One Yosys run per
 * case, a few minutes each. {@code -Pslow} (which CI runs) has one case per family: microGPT at
 * 16 lanes on iCE40 and ECP5 (4 min each), and at fewer lanes on xc7, Cyclone V and Gowin, whose
 * 16-lane runs take 8 to 12 min each (too long beside the simulation grid in CI's 30 minutes;
 * fewer lanes is the same emitted core with fewer lanes, so the lane-independent units, which are
 * most of the logic and DSP, are checked all the same). {@code -Psynth-whole} runs every case,
 * the 16-lane ones of every family among them. The part need not fit; Yosys maps anyway.
 * Figures and wall times: docs/estimation.md "Whole designs". Cases run two at a time (Yosys is
 * single-threaded).
 */
@Execution(ExecutionMode.CONCURRENT)
class WholeDesignSynthesisTest {
    /**
     * Logic within this fraction of what Yosys mapped (issue #5; 25 % until the per-unit refit of
     * 7 Dec, after which the CI cases measured +4 %, −1 %, +11 % (digits), +3 %, +5 %, +3 %
     * (Gowin, soft multipliers refitted), +2 % and +8 %: docs/estimation.md "Whole designs").
     * Issue #14 asks 10 %; since the eleventh stop every case but microGPT on the LFE5U-85F at
     * 16 lanes (+12 %) is within it (digits +9 %), and Yosys's mapping drifts ±4 % between runs.
     */
    static final double LOGIC_TOLERANCE = 0.20;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} on {1}, {2} lanes")
    @Tag("slow")
    @Tag("synth-whole")
    // xc7 and Gowin at 4 lanes, not 1: at 1 lane Yosys folds microGPT's one 4192-word bank into
    // fewer block RAMs than a tiling would (the estimate folds it too since 7 Dec, docs/estimation.md
    // "Rules"; BlockRamGeometryPropertyTest checks the fold), and 1 lane is no faster.
    @CsvSource({"microgpt, tang-nano-9k, 4", "microgpt, 5CSEMA5F31C6, 1", "microgpt, xc7a100tcsg324-1, 4",
            "microgpt, iCE40UP5K-SG48, 16", "microgpt, LFE5U-85F-6BG381C, 16", "digits, iCE40UP5K-SG48, 4",
            // one lane on the UP5K: the scratch, score and sum memories in block RAM read on the falling edge
            "microgpt, iCE40UP5K-SG48, 1"})
    void inCi(String model, String device, int lanes) throws Exception {
        mappedResourcesMatchTheEstimate(model, device, lanes);
    }

    @ParameterizedTest(name = "{0} on {1}, {2} lanes")
    @Tag("synth-whole")
    // Gowin last: Yosys leaves its multipliers in logic, so it is the slowest run.
    @CsvSource({"microgpt, 5CSEMA5F31C6, 16", "microgpt, xc7a100tcsg324-1, 16", "microgpt, tang-nano-9k, 16"})
    void slowestFamilies(String model, String device, int lanes) throws Exception {
        mappedResourcesMatchTheEstimate(model, device, lanes);
    }

    /**
     * Issue #14's 2-layer, width-32, context-32, 65-token character model with 8-bit weights at
     * 8 lanes on the ULX3S's LFE5U-25F: Yosys maps the estimate's block RAM and multipliers, and
     * the whole core fits the part (logic, multipliers, block RAM). Random weights: the area does
     * not depend on their values.
     */
    @Test
    @Tag("slow")
    @Tag("synth-whole")
    void twoLayerCharacterModelFitsTheLfe5u25fAt8Lanes() throws Exception {
        StringBuilder t = new StringBuilder("model chars {\n    vocab = 65\n    context = 32\n    dim = 32\n    weights random seed 1\n");
        t.append("    numeric weights q2.6, activations q6.10\n    embedding wte [vocab, dim]\n    embedding wpe [context, dim] position\n");
        for (int b = 0; b < 2; b++) {
            t.append("    block layer").append(b).append(" {\n        residual {\n            rmsnorm\n            attention heads 4 {\n");
            for (String w : List.of("attn_wq", "attn_wk", "attn_wv", "attn_wo")) t.append("                linear ").append(w).append(" [dim -> dim]\n");
            t.append("            }\n        }\n        residual {\n            rmsnorm\n            linear mlp_fc1 [dim -> 4 * dim] relu\n");
            t.append("            linear mlp_fc2 [4 * dim -> dim]\n        }\n    }\n");
        }
        t.append("    rmsnorm\n    linear lm_head [dim -> vocab]\n    sample temperature 0.8 seed 1\n}\n");
        t.append("target ulx3s {\n    device LFE5U-25F-6BG381C\n    clock 25 MHz\n    lanes 8\n    budget 100 %\n}\n");
        Path file = Files.writeString(dir.resolve("chars.bramble"), t.toString());
        YosysSynthesis.Mapped m = mappedResourcesMatchTheEstimate(file, dir, "LFE5U-25F-6BG381C");
        Device dev = DeviceCatalog.standard().find("LFE5U-25F-6BG381C").orElseThrow();
        assertTrue(m.logic() <= dev.logic(), m.logic() + " LUT4 of " + dev.logic());
        assertTrue(m.dspCells() <= dev.dsp(), m.dspCells() + " MULT18X18D of " + dev.dsp());
        assertTrue(m.bram() <= dev.bram(), m.bram() + " DP16KD of " + dev.bram());
    }

    private void mappedResourcesMatchTheEstimate(String model, String device, int lanes) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("examples"))) root = root.getParent();
        String text = Files.readString(root.resolve("examples").resolve(model).resolve(model + ".bramble"))
                .replaceAll("device\\s+\\S+", "device " + device).replaceAll("lanes\\s+\\d+", "lanes " + lanes);
        Path file = dir.resolve(model + ".bramble");
        Files.writeString(file, text);
        mappedResourcesMatchTheEstimate(file, root.resolve("examples").resolve(model), device);
    }

    /** Yosys on the design in {@code file} (weights from {@code weightsDir}): block RAM and DSP as estimated, logic within the tolerance. */
    private YosysSynthesis.Mapped mappedResourcesMatchTheEstimate(Path file, Path weightsDir, String device) throws Exception {
        return WholeDesignCheck.mappedResourcesMatchTheEstimate(file, weightsDir, device, dir, LOGIC_TOLERANCE);
    }
}
