package dev.bramble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.Features;
import dev.bramble.plan.CoreProgram;
import dev.bramble.project.DesignFiles;
import dev.bramble.weights.ModelWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The features of imported models (issue #16) that the hardware builds, in designs drawn with
 * fixed seeds: per-layer weight formats of 8 to 16 bits on any layer (q, k and v of one
 * attention each its own), biases on any linear (the logits' too; q, k, v with some and not
 * others; a residual's last linear, folded into its write-back), learned norm gains and biases
 * (gain, gain and bias, bias alone; at the top and inside residuals), tied heads (the
 * embedding's own format or the model's; with a bias and without), GELU's erf form beside the tanh form, on 1..5 and 16 lanes, 8..16-bit activations. Each is simulated in
 * Icarus and in Verilator: every logit bit-exact with the fixed-point reference and every op of
 * every step starting on the plan's cycle. Slow profile.
 */
@Tag("slow")
@Execution(ExecutionMode.CONCURRENT)
class LayerFeaturesSimulationTest {
    static final int[] LANES = {1, 2, 3, 4, 5, 16};

    static Stream<Arguments> designs() {
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < LANES.length; i++) {
            out.add(Arguments.of(100 + i, LANES[i], "icarus"));
            out.add(Arguments.of(200 + i, LANES[i], "icarus"));
            out.add(Arguments.of(300 + i, LANES[i], "verilator"));
        }
        return out.stream();
    }

    /** A format of 8..16 bits in all with at least one integer bit. */
    static String format(Random r) {
        int n = 8 + r.nextInt(9);
        int f = 1 + r.nextInt(n - 2);
        return "q" + (n - f) + "." + f;
    }

    /** ' weights qI.F' on about half the layers that take it. */
    static String own(Random r) {
        return r.nextBoolean() ? " weights " + format(r) : "";
    }

    /** ' bias' on about half the linears. */
    static String bias(Random r) {
        return r.nextBoolean() ? " bias" : "";
    }

    /** A norm named {@code name}: plain, or with a learned gain, gain and bias, or bias (and sometimes a format of its own). */
    static String norm(Random r, String name) {
        return switch (r.nextInt(6)) {
            case 0 -> "rmsnorm";
            case 1 -> "layernorm";
            case 2 -> "rmsnorm " + name + " gain" + own(r);
            case 3 -> "layernorm " + name + " gain bias" + own(r);
            case 4 -> "layernorm " + name + " bias" + own(r);
            default -> "layernorm " + name + " gain" + own(r);
        };
    }

    /** A token model drawn from {@code seed} on {@code lanes} lanes, using every feature the hardware builds. */
    static String design(long seed, int lanes) {
        Random r = new Random(seed);
        int dim = new int[] {4, 5, 6, 8}[r.nextInt(4)];
        List<Integer> heads = new ArrayList<>();
        for (int h = 1; h <= 4; h++) if (dim % h == 0) heads.add(h);
        int vocab = 5 + r.nextInt(9);
        int context = 3 + r.nextInt(3);
        int na = 8 + r.nextInt(9);
        int fa = 3 + r.nextInt(na - 5);
        String[] acts = {"", " relu", " gelu", " gelu erf"};
        StringBuilder t = new StringBuilder("model feat {\n");
        t.append("    vocab   = ").append(vocab).append("\n    context = ").append(context).append("\n    dim     = ").append(dim).append('\n');
        t.append("    weights random seed ").append(seed).append('\n');
        t.append("    tokens  \"").append("abcdefghijklmnop", 0, vocab - 1).append("\" bos\n");
        t.append("    numeric weights ").append(format(r)).append(", activations q").append(na - fa).append('.').append(fa).append('\n');
        t.append("    embedding wte [vocab, dim]").append(own(r)).append('\n');
        t.append("    embedding wpe [context, dim] position").append(own(r)).append('\n');
        t.append("    residual {\n        ").append(norm(r, "ln1")).append('\n');
        t.append("        attention heads ").append(heads.get(r.nextInt(heads.size()))).append(" {\n");
        for (String w : List.of("q", "k", "v", "o")) {
            // k always has a format of its own: the merged q k v op then rounds its passes apart
            t.append("            linear ").append(w).append(" [dim -> dim]").append(bias(r)).append(w.equals("k") ? " weights " + format(r) : own(r)).append('\n');
        }
        t.append("        }\n    }\n");
        t.append("    residual {\n        ").append(norm(r, "ln2")).append('\n');
        t.append("        linear up [dim -> 2 * dim]").append(acts[r.nextInt(4)]).append(bias(r)).append(own(r)).append('\n');
        t.append("        linear down [2 * dim -> dim]").append(acts[r.nextInt(4)]).append(bias(r)).append(own(r)).append('\n');
        t.append("    }\n");
        t.append("    ").append(norm(r, "lnf")).append('\n');
        // a tied head: with a bias on every other one (no draw, so the designs without stay as they were)
        t.append("    linear lm_head [dim -> vocab]").append(seed % 3 == 0 ? " tied wte" + (seed / 3 % 2 == 0 ? " bias" : "") : bias(r) + own(r)).append('\n');
        t.append(r.nextBoolean() ? "    argmax\n" : "    sample temperature 0.7 seed " + seed + "\n");
        t.append("}\n\ntarget t {\n    device  xc7k325t\n    clock   50 MHz\n    lanes   ").append(lanes).append("\n    storage bram\n}\n");
        return t.toString();
    }

    /** The drawn designs use every feature kind, each in both simulators (so a green grid means each is bit-exact in both). */
    @org.junit.jupiter.api.Test
    void theDesignsCoverEveryFeatureInBothSimulators() {
        for (String simulator : List.of("icarus", "verilator")) {
            java.util.Set<Features.Kind> seen = java.util.EnumSet.noneOf(Features.Kind.class);
            designs().filter(a -> a.get()[2].equals(simulator)).forEach(a -> {
                String text = design((int) a.get()[0], (int) a.get()[1]);
                var model = dev.bramble.lang.Bramble.analyze("feat.bramble", text).model().orElseThrow();
                Features.beyondMicrogpt(model).forEach(u -> seen.add(u.kind()));
            });
            assertEquals(java.util.EnumSet.allOf(Features.Kind.class), seen, simulator);
            assertTrue(designs().filter(a -> a.get()[2].equals(simulator))
                    .anyMatch(a -> design((int) a.get()[0], (int) a.get()[1]).contains("tied wte bias")), simulator + ": a tied head with a bias");
        }
    }

    @ParameterizedTest(name = "design {0} on {1} lanes in {2}")
    @MethodSource("designs")
    void bitExactWithEveryOpOnPlan(int seed, int lanes, String simulator, @TempDir Path dir) throws Exception {
        String text = design(seed, lanes);
        Path file = Files.writeString(dir.resolve("feat.bramble"), text);
        Design design = DesignFiles.load(file);
        assertFalse(design.hasErrors(), () -> design.diagnostics() + "\n" + text);
        var model = design.model().orElseThrow();
        assertFalse(Features.beyondMicrogpt(model).isEmpty(), "the design must use the features under test\n" + text);
        assertEquals(List.of(), CoreProgram.unbuilt(model), text);
        DesignSimulation.Result r = DesignSimulation.run(new DesignSimulation.Request(ModelWeights.load(model, dir),
                design.target(null).orElseThrow(), 2, List.of(), null, simulator, null, dir.resolve("w")));
        assertNull(r.firstMismatch(), () -> r.firstMismatch().describe() + "\n" + text);
        assertTrue(r.bitExact());
        assertTrue(r.cyclesMatch(), () -> r.firstCycleMismatch() + "\n" + text);
        assertEquals(r.cyclesPerTokenPredicted(), r.cyclesPerTokenMeasured());
        assertEquals(lanes, r.lanes());
        assertTrue(r.steps() >= 2, "steps " + r.steps());
    }
}
