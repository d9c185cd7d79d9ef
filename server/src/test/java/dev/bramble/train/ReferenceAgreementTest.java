package dev.bramble.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.golden.FloatArithmetic;
import dev.bramble.golden.Interpreter;
import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Model;
import dev.bramble.weights.ModelWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * One math, two implementations: the training network (layer-major, all positions at once)
 * and the reference model's float back end (position by position with a KV cache) give the
 * same logits to 1e-12 on random weights, for every layer kind and for microGPT itself, on any
 * token sequence (jqwik generates them, shrinks a failing one and reports its seed; this was a
 * loop over five sequences from a fixed java.util.Random).
 */
class ReferenceAgreementTest {
    static List<String> models() throws Exception {
        return Stream.concat(
                GradientCheckTest.layerKinds().map(a -> (String) a.get()[1]),
                Stream.of(Files.readString(Path.of("..", "examples", "microgpt", "microgpt.bramble"))
                        .replaceFirst("weights [^\\n]*", "weights random seed 5"))).toList();
    }

    /** Raw token ids; each model reads them modulo its vocabulary, repeated to fill its context. */
    @Provide
    Arbitrary<List<Integer>> tokens() {
        return Arbitraries.integers().between(0, 1 << 16).list().ofMinSize(1).ofMaxSize(40);
    }

    /** Every model on each generated sequence, so each try covers every layer kind. */
    @Property(tries = 40)
    void trainingForwardEqualsReferenceFloatModel(@ForAll("tokens") List<Integer> raw) throws Exception {
        for (String source : models()) agree(source, raw);
    }

    private static void agree(String source, List<Integer> raw) throws Exception {
        long seed = 5;
        Model model = Bramble.analyze("t.bramble", source.replaceFirst("weights random seed \\d+", "weights random seed " + seed))
                .model().orElseThrow();
        ModelWeights weights = ModelWeights.load(model, null);
        Network net = Network.compile(model, "t.bramble");
        net.parameters().initializeRandom(seed);
        for (var slot : net.parameters().slots()) {
            assertTrue(java.util.Arrays.equals(weights.values(slot.path()), net.parameters().tensor(slot.path())),
                    "training init with seed " + seed + " must be the model's 'weights random seed " + seed + "'");
        }

        Interpreter<double[]> reference = new Interpreter<>(model, new FloatArithmetic(weights));
        int positions = net.context();
        int[] tokens = new int[positions + 1];
        for (int i = 0; i < tokens.length; i++) tokens[i] = raw.get(i % raw.size()) % net.vocabulary();
        net.forward(tokens, positions);
        reference.reset();
        for (int t = 0; t < positions; t++) {
            double[] logits = reference.step(tokens[t], null, t);
            assertEquals(net.vocabulary(), logits.length);
            for (int i = 0; i < logits.length; i++) {
                assertEquals(logits[i], net.logit(t, i), 1e-12, "position " + t + " logit " + i);
            }
        }
    }
}
