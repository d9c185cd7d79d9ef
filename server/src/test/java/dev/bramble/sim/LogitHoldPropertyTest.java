package dev.bramble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.lang.model.Design;
import dev.bramble.plan.Plan;
import dev.bramble.project.DesignFiles;
import dev.bramble.rtl.PlanSource;
import dev.bramble.weights.ModelWeights;
import dev.bramble.tools.TemporaryDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;


/**
 * The logit store and its hold (Plan.logitStore, TopWriter.writeLogitHold) on shapes no one
 * picked: a vocabulary of 2–40 logits, a width of 3–12, 1–6 lanes, weight and activation formats
 * of any width the language allows here, the store in each family's placement (the UP5K's SPRAM,
 * an ECP5's LUT RAM, an iCE40 HX's block RAM, Cyclone V's M10K). Whatever the plan chooses — a
 * store written by one row lane, a store with R−1 held words, or flip-flops when the passes come
 * too close — the sampled tokens must be the reference's and every op's cycles the plan's.
 * LogitStoreSimulationTest is the fixed grid of the same check; this draws what the grid leaves
 * out (vocabularies whose last pass is any length, widths shorter than the row lanes).
 */
@Tag("slow")
class LogitHoldPropertyTest {
    private static final List<String> DEVICES = List.of("iCE40UP5K", "LFE5U-25F", "iCE40HX8K", "5CSEMA5F31C6");

    @Property(tries = 30)
    void sampledTokensAreTheReferences(@ForAll @IntRange(min = 2, max = 40) int vocab, @ForAll @IntRange(min = 3, max = 12) int dim,
                                       @ForAll @IntRange(min = 1, max = 6) int lanes, @ForAll @IntRange(min = 0, max = 3) int device,
                                       @ForAll @IntRange(min = 4, max = 10) int weightBits, @ForAll @IntRange(min = 8, max = 16) int activationBits,
                                       @ForAll @IntRange(min = 0, max = 999) int seed) throws Exception {
        String text = design(vocab, dim, lanes, DEVICES.get(device), weightBits, activationBits, seed);
        Path dir = Files.createTempDirectory("logit-hold");
        try {
            Path file = Files.writeString(dir.resolve("hold.bramble"), text);
            Design design = DesignFiles.load(file);
            assertFalse(design.hasErrors(), () -> design.diagnostics() + "\n" + text);
            var model = design.model().orElseThrow();
            var target = design.target(null).orElseThrow();
            Plan plan = PlanSource.plan(model, target);
            int held = Plan.heldLogits(plan.program(), plan.logits());
            Statistics.label("store").collect(plan.logits() + ", " + (held == 0 ? "no hold" : "hold"));

            DesignSimulation.Result r = DesignSimulation.run(new DesignSimulation.Request(ModelWeights.load(model, dir), target, 6, List.of(), null,
                    "icarus", null, dir.resolve("w")));
            String top = Files.readString(dir.resolve("w").resolve("hold.v"));
            assertEquals(held > 0, top.contains("zh_drain"), "the emitted store has a hold exactly when the plan holds words\n" + text);
            assertNull(r.firstMismatch(), () -> r.firstMismatch().describe() + "\n" + text);
            assertTrue(r.bitExact(), text);
            assertTrue(r.cyclesMatch(), () -> r.firstCycleMismatch() + "\n" + text);
            assertTrue(r.steps() >= 6, "a step or more for each of the 6 samples: " + r.steps());
        } finally {
            TemporaryDirectories.delete(dir);
        }
    }

    static String design(int vocab, int dim, int lanes, String device, int weightBits, int activationBits, int seed) {
        int weightInt = 2;
        int activationInt = Math.min(5, activationBits - 4);
        return """
                model hold {
                    vocab   = %d
                    context = 4
                    dim     = %d
                    weights random seed %d
                    tokens  "%s" bos
                    numeric weights q%d.%d, activations q%d.%d
                    embedding wte [vocab, dim]
                    linear up [dim -> dim] relu
                    linear lm_head [dim -> vocab]
                    sample temperature 0.7 seed %d
                }

                target t {
                    device  %s
                    clock   20 MHz
                    lanes   %d
                    storage bram
                }
                """.formatted(vocab, dim, seed, "abcdefghijklmnopqrstuvwxyz0123456789ABCD".substring(0, vocab - 1), weightInt, weightBits - weightInt,
                activationInt, activationBits - activationInt, seed + 1, device, lanes);
    }
}
