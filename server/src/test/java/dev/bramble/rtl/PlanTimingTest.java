package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.plan.Plan;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The core's program fits the plan: its datapath never needs more cycles than the plan's
 * schedule at any position (so padding makes them equal), and its ROM banks have the plan's depth.
 * The simulations then check the cycles step by step.
 */
class PlanTimingTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} at {1} lanes")
    @CsvSource({"examples/microgpt/microgpt.bramble, 1", "examples/microgpt/microgpt.bramble, 4", "examples/microgpt/microgpt.bramble, 16",
                "examples/microgpt/microgpt.bramble, 64", "examples/digits/digits.bramble, 1", "examples/digits/digits.bramble, 4",
                "examples/digits/digits.bramble, 16", "examples/digits/digits.bramble, 64", "server/src/test/resources/rtl/kitchen.bramble, 4"})
    void programMeetsThePlanExactly(String file, int lanes) throws Exception {
        RepoDesign design = RepoDesign.withLanes(file, lanes, dir);
        var model = design.model();
        var target = design.target();
        Plan plan = PlanSource.plan(model, target);
        CoreProgram program = CoreProgram.of(model, lanes);
        assertEquals(plan.bankDepth(), program.romDepth(), "words per lane bank");
        assertTrue(program.padTo(t -> plan.schedule().cyclesAt(t)), "the core needs more cycles than the plan somewhere");
        for (int t = 0; t < model.context(); t++) assertEquals(plan.schedule().cyclesAt(t), program.cyclesAt(t), "position " + t);
    }
}
