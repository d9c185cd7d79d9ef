package dev.bramble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.lang.model.Design;
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
 * Designs no one wrote by hand, drawn with fixed seeds: any layer mix (norms of both kinds at the
 * top and inside residuals, residuals that end in a linear or in a norm, attention with 1..4 heads,
 * ReLU / GELU / none, repeated blocks), widths the lanes do not divide, 1..5 lanes, 8..16-bit
 * activations, argmax or sampling; by seed on a Kintex-7 (LUT RAM of three read ports a cell), an
 * iCE40 UP5K, whose logic cells cannot be RAM, so the plan puts the scratch, score and sum memories
 * in block RAM read on the falling edge, or a Cyclone V (LUT RAM of one read port a cell: the
 * scratch memories' copies written out; the seed and exp tables in block RAM). Each is
 * simulated in Icarus and in Verilator: every logit
 * bit-exact and every op of every step starting on the cycle the plan gives (issue #14: "the plan
 * is the program"). Slow profile (.ci/run runs it).
 */
@Tag("slow")
@Execution(ExecutionMode.CONCURRENT)
class MixedDesignSimulationTest {
    static final int DESIGNS = 6;

    static Stream<Arguments> designs() {
        List<Arguments> out = new ArrayList<>();
        for (int seed = 1; seed <= DESIGNS; seed++) {
            for (String simulator : List.of("icarus", "verilator")) out.add(Arguments.of(seed, simulator));
        }
        return out.stream();
    }

    /**
     * A token model drawn from {@code seed}. A second stream (so the first draws stay as they
     * were) gives some linears weight formats of their own (fraction bits down to 0), some GELUs
     * the erf form, and some norms a learned gain (and a LayerNorm a bias), in formats of their own.
     */
    static String design(long seed) {
        Random r = new Random(seed);
        Random own = new Random(seed * 31 + 7);
        int[] names = {0};
        int dim = new int[] {4, 5, 6, 8, 12}[r.nextInt(5)];
        List<Integer> heads = new ArrayList<>();
        for (int h = 1; h <= 4; h++) if (dim % h == 0) heads.add(h);
        int vocab = 5 + r.nextInt(9);
        int context = 3 + r.nextInt(4);
        int na = 8 + r.nextInt(9);
        int fa = 4 + r.nextInt(na - 6);
        int nw = 4 + r.nextInt(9);
        int fw = 1 + r.nextInt(nw - 1);
        String[] norms = {"", "rmsnorm", "layernorm"};
        String[] acts = {"", " relu", " gelu"};
        StringBuilder t = new StringBuilder("model mix {\n");
        t.append("    vocab   = ").append(vocab).append("\n    context = ").append(context).append("\n    dim     = ").append(dim).append('\n');
        t.append("    weights random seed ").append(seed).append('\n');
        t.append("    tokens  \"").append("abcdefghijklmnop", 0, vocab - 1).append("\" bos\n");
        t.append("    numeric weights q").append(nw - fw).append('.').append(fw).append(", activations q").append(na - fa).append('.').append(fa).append('\n');
        t.append("    embedding wte [vocab, dim]\n");
        if (r.nextBoolean()) t.append("    embedding wpe [context, dim] position\n");
        t.append("    ").append(norm(norms[r.nextInt(3)], own, names)).append('\n');
        int repeat = r.nextInt(2);
        t.append("    block layer[0..").append(repeat).append("] {\n");
        if (r.nextInt(4) > 0) {
            t.append("        residual {\n            ").append(norm(norms[r.nextInt(3)], own, names)).append('\n');
            t.append("            attention heads ").append(heads.get(r.nextInt(heads.size()))).append(" {\n");
            for (String w : List.of("attn_wq", "attn_wk", "attn_wv", "attn_wo")) t.append("                linear ").append(w).append(" [dim -> dim]").append(format(own)).append('\n');
            t.append("            }\n        }\n");
        }
        t.append("        residual {\n            ").append(norm(norms[r.nextInt(3)], own, names)).append('\n');
        t.append("            linear up [dim -> 2 * dim]").append(erf(acts[r.nextInt(3)], own)).append(format(own)).append('\n');
        t.append("            linear down [2 * dim -> dim]").append(erf(acts[r.nextInt(3)], own)).append(format(own)).append('\n');
        if (r.nextBoolean()) t.append("            ").append(r.nextBoolean() ? "rmsnorm" : "layernorm").append('\n'); // ends in a norm: an ADD op
        t.append("        }\n    }\n");
        t.append("    ").append(norm(norms[r.nextInt(3)], own, names)).append('\n');
        t.append("    linear lm_head [dim -> vocab]\n");
        t.append(r.nextBoolean() ? "    argmax\n" : "    sample temperature 0.7 seed " + seed + "\n");
        t.append("}\n\ntarget t {\n    device  ").append(List.of("iCE40UP5K", "xc7k325t", "5CSEMA5F31C6").get((int) (seed % 3))).append("\n    clock   50 MHz\n    lanes   ").append(1 + r.nextInt(5)).append("\n    storage bram\n}\n");
        return t.toString();
    }

    /** One time in three a weight format of the layer's own: 4 to 12 bits, 0 to all but one of them fraction. */
    static String format(Random own) {
        if (own.nextInt(3) > 0) return "";
        int bits = 4 + own.nextInt(9);
        int frac = own.nextInt(bits);
        return " weights q" + (bits - frac) + "." + frac;
    }

    /** Half the GELUs in the erf form. */
    static String erf(String act, Random own) {
        return act.equals(" gelu") && own.nextBoolean() ? " gelu erf" : act;
    }

    /** Half the norms with a learned gain (a LayerNorm's also a bias), named as the tensors' key, some in a format of their own. */
    static String norm(String norm, Random own, int[] names) {
        if (norm.isEmpty() || own.nextBoolean()) return norm;
        return norm + " n" + names[0]++ + (norm.equals("layernorm") ? " gain bias" : " gain") + format(own);
    }

    @ParameterizedTest(name = "design {0} in {1}")
    @MethodSource("designs")
    void bitExactWithEveryOpOnPlan(int seed, String simulator, @TempDir Path dir) throws Exception {
        String text = design(seed);
        Path file = Files.writeString(dir.resolve("mix.bramble"), text);
        Design design = DesignFiles.load(file);
        assertFalse(design.hasErrors(), () -> design.diagnostics() + "\n" + text);
        var model = design.model().orElseThrow();
        DesignSimulation.Result r = DesignSimulation.run(new DesignSimulation.Request(ModelWeights.load(model, dir),
                design.target(null).orElseThrow(), 2, List.of(), null, simulator, null, dir.resolve("w")));
        assertNull(r.firstMismatch(), () -> r.firstMismatch().describe() + "\n" + text);
        assertTrue(r.bitExact());
        assertTrue(r.cyclesMatch(), () -> r.firstCycleMismatch() + "\n" + text);
        assertEquals(r.cyclesPerTokenPredicted(), r.cyclesPerTokenMeasured());
        assertTrue(r.steps() >= 2, "steps " + r.steps());
    }
}
