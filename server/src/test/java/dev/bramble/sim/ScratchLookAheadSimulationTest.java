package dev.bramble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.Target;
import dev.bramble.plan.Placement;
import dev.bramble.plan.Plan;
import dev.bramble.project.DesignFiles;
import dev.bramble.rtl.PlanSource;
import dev.bramble.weights.ModelWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On iCE40, at a clock the falling-edge read cannot reach, the activation rows live in block
 * RAM read on the rising edge a clock ahead (lane_scratch.v STYLE 3, Plan.scratchReadAhead): the core decodes its op table a clock ahead and forms the next
 * clock's read addresses from the sequencer's, the engine's and attention's next state
 * (TopWriter lookAhead, NextClock); its scalar unit's Newton step takes two clocks (the plan's
 * scalarStages: attention's reciprocal a clock later, the norms' in the gain's clock). A word read a clock early, or one address formed from the
 * wrong clock, changes a logit or an op's cycles. The drawn designs are in
 * ScratchLookAheadPropertyTest (slow profile).
 */
class ScratchLookAheadSimulationTest {
    @TempDir
    Path dir;

    /** The example's iCEBreaker target (one lane, attention, three RMSNorms, the sampler) asking 12 MHz. */
    @Test
    void microgptOnTheIcebreakerAt12MHzIsBitExact() throws Exception {
        String text = Files.readString(Examples.file("microgpt")).replace("clock   6 MHz", "clock   12 MHz");
        Path file = Files.writeString(dir.resolve("microgpt.bramble"), text);
        Design design = DesignFiles.load(file);
        var model = design.model().orElseThrow();
        Target target = design.target("icebreaker").orElseThrow();
        assertEquals(12.0, target.clockMHz());
        check(ModelWeights.load(model, Examples.file("microgpt").getParent()), target, 2);
    }

    /**
     * The board's own 6 MHz is within what the falling-edge read reaches: those rows stay read on
     * the falling edge (200 LUT4 fewer, which the iCEBreaker's 5,280 cells need); 12 MHz is not.
     * A family whose rows are LUT RAM has nothing to read ahead.
     */
    @Test
    void theClockDecidesWhetherTheRowsAreReadAhead() throws Exception {
        Path example = Examples.file("microgpt");
        for (String clock : List.of("6", "7", "8", "12")) {
            Design design = DesignFiles.load(Files.writeString(dir.resolve("m" + clock + ".bramble"),
                    Files.readString(example).replace("clock   6 MHz", "clock   " + clock + " MHz")));
            Plan plan = PlanSource.plan(design.model().orElseThrow(), design.target("icebreaker").orElseThrow());
            assertEquals(Placement.BLOCK_RAM, plan.scratch().placement());
            boolean ahead = Double.parseDouble(clock) > 7;
            assertEquals(ahead, plan.scratchReadAhead(), clock + " MHz");
            // ... and so does the scalar unit's Newton step: two clocks, one R slot more per attention op
            assertEquals(ahead ? 2 : 1, plan.scalarStages(), clock + " MHz");
            // the estimate says why its logic jumps with the clock
            assertEquals(ahead, dev.bramble.estimate.Estimator.estimate(plan).notes().stream().anyMatch(n -> n.contains("read a clock ahead")), clock + " MHz");
            var attention = plan.program().ops().stream().filter(o -> o instanceof dev.bramble.plan.CoreOp.Attention).findFirst().orElseThrow();
            assertEquals(dev.bramble.plan.CoreProgram.of(plan.model(), plan.lanes()).ops().stream()
                    .filter(o -> o instanceof dev.bramble.plan.CoreOp.Attention).findFirst().orElseThrow().fixedCycles(1) + (ahead ? 1 : 0),
                    attention.fixedCycles(1), clock + " MHz");
        }
        Design ecp5 = DesignFiles.load(Files.writeString(dir.resolve("ecp5.bramble"),
                Files.readString(example).replaceAll("device\\s+\\S+", "device LFE5U-25F-6BG381C")));
        assertFalse(PlanSource.plan(ecp5.model().orElseThrow(), ecp5.target(null).orElseThrow()).scratchReadAhead());
    }

    /** Every feature the kitchen design has (LayerNorm, GELU, biases, learned norm vectors ...), three lanes on the UP5K. */
    @Test
    void kitchenOnTheUp5kIsBitExact() throws Exception {
        Path root = Examples.root();
        String text = Files.readString(root.resolve("server/src/test/resources/rtl/kitchen.bramble"))
                .replaceAll("device\\s+\\S+", "device iCE40UP5K-SG48").replaceAll("lanes\\s+\\d+", "lanes 3")
                .replaceAll("budget\\s+\\d+\\s*%", "budget 100 %").replaceAll("clock\\s+[0-9.]+ MHz", "clock 20 MHz");
        Path file = Files.writeString(dir.resolve("kitchen.bramble"), text);   // random weights: nothing read beside it
        Design design = DesignFiles.load(file);
        assertFalse(design.hasErrors(), () -> design.diagnostics().toString());
        var model = design.model().orElseThrow();
        check(ModelWeights.load(model, dir), design.target(null).orElseThrow(), 2);
    }

    private void check(ModelWeights weights, Target target, int samples) throws Exception {
        Plan plan = PlanSource.plan(weights.model(), target);
        assertEquals(Placement.BLOCK_RAM, plan.scratch().placement(), "the premise: the scratch memories are block RAM on this part");
        assertTrue(plan.scratchReadAhead(), "... read a clock ahead at this clock");
        DesignSimulation.Result r = DesignSimulation.run(new DesignSimulation.Request(weights, target, samples, List.of(), null,
                "icarus", null, dir.resolve("w")));
        String top;
        try (var files = Files.list(dir.resolve("w"))) {
            top = files.filter(f -> f.toString().endsWith(".v") && !f.toString().endsWith("_tb.v"))
                    .map(f -> { try { return Files.readString(f); } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); } })
                    .filter(t -> t.contains(" u_scratch0 ")).findFirst().orElseThrow();
        }
        assertTrue(top.contains(".ra(scr_ra_n)"), "the block RAM reads the next clock's addresses");
        assertNull(r.firstMismatch(), () -> r.firstMismatch().describe());
        assertTrue(r.bitExact());
        assertTrue(r.cyclesMatch(), r.firstCycleMismatch());
        assertEquals(r.cyclesPerTokenPredicted(), r.cyclesPerTokenMeasured());
        assertTrue(r.steps() >= samples, "steps " + r.steps());
    }
}
