package dev.bramble.golden;

import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.SampleLayer;
import dev.bramble.weights.ModelWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixed-point model equals the naive BigInteger implementation of numerics.md, logit for logit. */
class FixedModelTest {
    @TempDir
    Path dir;

    /** microGPT with random weights (the shipped example may carry trained ones). */
    static String microgpt() throws java.io.IOException {
        try (var in = FixedModelTest.class.getResourceAsStream("/golden/microgpt-random.bramble")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void microgptMatchesNaiveImplementationForHundredsOfSteps() throws Exception {
        String source = microgpt();
        assertTrue(compareWithNaive(source, 400, 2) >= 400);
    }

    @Test
    void layernormGeluOddHeadDimAndOtherFormatsMatchNaive() throws Exception {
        // head dim 6 (not a power of 4): the constant-multiply path; weights q2.10 → rescale by shifts.
        String source = TinyModels.transformer(5, 8, 12, 2, 24, "layernorm", "gelu", "weights random seed 9",
                "weights q2.10, activations q5.11", "sample temperature 0.8 seed 5");
        assertTrue(compareWithNaive(source, 300, 5) >= 300);
    }

    @Test
    void wideWeightsNarrowActivationsAndArgmaxMatchNaive() throws Exception {
        // q8.24 weights: Fw > Fa; activations q3.9 (Fa < 10 and < 12: exp and GELU inputs shift left).
        String source = TinyModels.transformer(6, 6, 16, 1, 32, "rmsnorm", "gelu", "weights random seed 4",
                "weights q8.24, activations q3.9", "argmax");
        assertTrue(compareWithNaive(source, 300, 0) >= 300);
    }

    @Test
    void headDimSixteenIsAPowerOfFour() throws Exception {
        String source = TinyModels.transformer(3, 5, 32, 2, 16, "rmsnorm", "relu", "weights random seed 1",
                "weights q4.12, activations q4.12", "sample temperature 1.5 seed 77");
        assertTrue(compareWithNaive(source, 200, 77) >= 200);
    }

    /** Runs the real generator for at least {@code minSteps} steps and replays each step in the naive model. */
    private int compareWithNaive(String source, int minSteps, long seed) throws Exception {
        ModelWeights weights = TinyModels.weights(source, dir);
        Model model = weights.model();
        Generator<long[]> fixed = ReferenceModels.fixed(weights);
        NaiveFixedModel naive = new NaiveFixedModel(weights);
        Xorshift32 random = new Xorshift32(seed);
        NaiveFixedModel.Sampler naiveRandom = new NaiveFixedModel.Sampler(seed);
        int fa = model.activationFormat().fracBits();
        int steps = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        while (steps < minSteps) {
            Generator.Sample<long[]> sample = fixed.sequence(List.of(), random);
            naive.reset();
            for (Step<long[]> step : sample.steps()) {
                BigInteger[] z = naive.step(step.fedToken(), step.position());
                long[] expected = new long[z.length];
                for (int i = 0; i < z.length; i++) expected[i] = z[i].longValueExact();
                assertArrayEquals(expected, step.logits(), "step " + steps + " position " + step.position());
                if (model.outputLayer().orElseThrow() instanceof SampleLayer s) {
                    assertEquals(NaiveFixedModel.choose(z, s.temperature(), naiveRandom.next(), fa), step.chosen(), "token at step " + steps);
                } else {
                    assertEquals(NaiveFixedModel.argmax(z), step.chosen());
                }
                seen.add(step.chosen());
                steps++;
            }
        }
        assertTrue(seen.size() > 2, "the runs must visit several tokens, saw " + seen);
        return steps;
    }

    @Test
    void vectorModelWithInputLayerMatchesNaive() throws Exception {
        String source = String.join("\n",
                "model mlp {",
                "    input x [20] q1.7",
                "    weights random seed 8",
                "    numeric weights q1.7, activations q4.12",
                "    linear fc1 [20 -> 12] relu",
                "    rmsnorm",
                "    linear fc2 [12 -> 9] gelu",
                "    layernorm",
                "    linear fc3 [9 -> 5]",
                "    argmax",
                "}", "");
        ModelWeights weights = TinyModels.weights(source, dir);
        Generator<long[]> fixed = ReferenceModels.fixed(weights);
        NaiveFixedModel naive = new NaiveFixedModel(weights);
        java.util.Random r = new java.util.Random(1);
        java.util.Set<Integer> classes = new java.util.HashSet<>();
        for (int n = 0; n < 300; n++) {
            double[] x = new double[20];
            for (int j = 0; j < x.length; j++) x[j] = r.nextDouble() * 2.2 - 1.1;   // beyond q1.7's range: saturates
            Generator.Sample<long[]> sample = fixed.classify(x, new Xorshift32(0));
            BigInteger[] z = naive.classify(x);
            long[] expected = new long[z.length];
            for (int i = 0; i < z.length; i++) expected[i] = z[i].longValueExact();
            assertArrayEquals(expected, sample.steps().get(0).logits(), "input " + n);
            assertEquals(NaiveFixedModel.argmax(z), sample.tokens().get(0));
            classes.add(sample.tokens().get(0));
        }
        assertTrue(classes.size() > 1, "inputs must reach several classes");
    }

    @Test
    void fixedModelIsDeterministic() throws Exception {
        String source = microgpt();
        List<long[]> first = logits(source), second = logits(source);
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) assertArrayEquals(first.get(i), second.get(i));
    }

    private List<long[]> logits(String source) throws Exception {
        Generator<long[]> fixed = ReferenceModels.fixed(TinyModels.weights(source, dir));
        Xorshift32 random = new Xorshift32(2);
        List<long[]> out = new ArrayList<>();
        for (int s = 0; s < 10; s++) for (Step<long[]> step : fixed.sequence(List.of(), random).steps()) out.add(step.logits());
        return out;
    }
}
