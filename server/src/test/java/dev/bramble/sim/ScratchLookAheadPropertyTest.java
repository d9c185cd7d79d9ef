package dev.bramble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.lang.model.Design;
import dev.bramble.plan.Placement;
import dev.bramble.plan.Plan;
import dev.bramble.project.DesignFiles;
import dev.bramble.rtl.PlanSource;
import dev.bramble.weights.ModelWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The scratch memories in block RAM read a clock ahead (ScratchLookAheadSimulationTest) on
 * designs no one picked: MixedDesignSimulationTest's draws (any layer mix, norms of both kinds
 * with and without learned vectors, attention of 1–4 heads, GELU of both forms, per-layer weight
 * formats, 8–16-bit activations, 1–5 lanes, argmax or sampling) on an iCE40 UP5K or HX8K, where
 * the plan puts the scratch in block RAM. Every logit bit-exact in Icarus, every op on plan.
 */
@Tag("slow")
class ScratchLookAheadPropertyTest {
    private static final List<String> PARTS = List.of("iCE40UP5K", "iCE40HX8K");

    @Property(tries = 16)
    void bitExactWithEveryOpOnPlan(@ForAll @IntRange(min = 1, max = 1_000_000) int seed, @ForAll @IntRange(min = 0, max = 1) int part) throws Exception {
        String text = MixedDesignSimulationTest.design(seed).replaceAll("device\\s+\\S+", "device  " + PARTS.get(part));
        Path dir = Files.createTempDirectory("lookahead");
        try {
            Path file = Files.writeString(dir.resolve("mix.bramble"), text);
            Design design = DesignFiles.load(file);
            assertFalse(design.hasErrors(), () -> design.diagnostics() + "\n" + text);
            var model = design.model().orElseThrow();
            var target = design.target(null).orElseThrow();
            Plan plan = PlanSource.plan(model, target);
            // a design too big for the part's blocks keeps its rows in flip-flops: not this test's case
            Assume.that(plan.scratch().placement() == Placement.BLOCK_RAM);
            Statistics.label("lanes").collect(plan.lanes());
            DesignSimulation.Result r = DesignSimulation.run(new DesignSimulation.Request(ModelWeights.load(model, dir), target, 2, List.of(), null,
                    "icarus", null, dir.resolve("w")));
            assertTrue(Files.readString(dir.resolve("w").resolve("mix.v")).contains(".ra(scr_ra_n)"), "the block RAM reads the next clock's addresses");
            assertNull(r.firstMismatch(), () -> r.firstMismatch().describe() + "\n" + text);
            assertTrue(r.bitExact(), text);
            assertTrue(r.cyclesMatch(), () -> r.firstCycleMismatch() + "\n" + text);
            assertEquals(r.cyclesPerTokenPredicted(), r.cyclesPerTokenMeasured());
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
