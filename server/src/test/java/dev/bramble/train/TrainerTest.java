package dev.bramble.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainerTest {
    /** The names corpus the repository ships beside the example (makemore's names.txt). */
    static final Path NAMES = Path.of("..", "examples", "microgpt", "names.txt");
    static final Path MICROGPT = Path.of("..", "examples", "microgpt", "microgpt.bramble");

    /**
     * Documents that alternate two random letters ("cdcdc", "ebe"): after the first two
     * letters everything but the end is determined by the letter two back, which a bigram
     * table cannot see and attention can.
     */
    static String alternatingCorpus(int documents, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int d = 0; d < documents; d++) {
            char x = (char) ('a' + random.nextInt(5));
            char y;
            do y = (char) ('a' + random.nextInt(5)); while (y == x);
            int length = 3 + random.nextInt(5);
            for (int i = 0; i < length; i++) text.append(i % 2 == 0 ? x : y);
            text.append('\n');
        }
        return text.toString();
    }

    static final String SMALL = """
            model small {
                context = 8
                weights random seed 1
                tokens "abcde" bos
                embedding wte [6, 12]
                embedding wpe [8, 12] position
                rmsnorm
                block layer0 {
                    residual {
                        rmsnorm
                        attention heads 2 {
                            linear attn_wq [12 -> 12]
                            linear attn_wk [12 -> 12]
                            linear attn_wv [12 -> 12]
                            linear attn_wo [12 -> 12]
                        }
                    }
                    residual {
                        rmsnorm
                        linear mlp_fc1 [12 -> 24] gelu
                        linear mlp_fc2 [24 -> 12]
                    }
                }
                linear lm_head [12 -> 6]
                argmax
            }
            """;

    @Test
    void learnsWhatABigramTableCannotOnASmallCorpus() throws Exception {
        Network net = TestModels.network(SMALL);
        Corpus corpus = Corpus.parse("alternating.txt", alternatingCorpus(1000, 7), net.model().tokens());
        int[] seen = {0};
        new Trainer(net, corpus, new TrainingOptions(4000, 0.01, 1)).train((step, steps, loss) -> {
            assertEquals(++seen[0], step);
            assertEquals(4000, steps);
        });
        assertEquals(4000, seen[0], "one listener call per step");
        double heldOut = Trainer.meanLoss(net, corpus.heldOut());
        double bigram = new BigramBaseline(corpus.training(), net.vocabulary()).meanLoss(corpus.heldOut(), net.context());
        // Per document: log 5 + log 4 for the first two letters, then only where it ends is
        // uncertain (lengths 3..7 uniform: 1.61 nats in all), over 6 predictions on average:
        // the ideal is 0.77 nats/token. The bigram table scores about 1.6 (measured 1.62).
        assertTrue(bigram > 1.4, "bigram " + bigram);
        assertTrue(heldOut < 0.9, "held-out loss " + heldOut + " (bigram " + bigram + ")");
    }

    @Test
    void microGptBeatsTheBigramTableOnNamesWithinThreeThousandSteps() throws Exception {
        assertTrue(Files.isRegularFile(NAMES), NAMES.toAbsolutePath() + " is missing: the names corpus ships in examples/microgpt");
        Model model = Bramble.analyze("microgpt.bramble", Files.readString(MICROGPT)).model().orElseThrow();
        Network net = Network.compile(model, "microgpt.bramble");
        Corpus corpus = Corpus.read(NAMES, model.tokens());
        assertEquals(32033, corpus.training().size() + corpus.heldOut().size());
        new Trainer(net, corpus, new TrainingOptions(3000, 0.01, 42)).train(ProgressListener.NONE);
        double heldOut = Trainer.meanLoss(net, corpus.heldOut());
        double bigram = new BigramBaseline(corpus.training(), net.vocabulary()).meanLoss(corpus.heldOut(), net.context());
        assertEquals(2.4585, bigram, 5e-5, "the bigram figure docs and README quote");
        assertTrue(heldOut <= 2.35, "held-out loss " + heldOut);
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedDoesNot() throws Exception {
        double[] a = trained(3);
        double[] b = trained(3);
        double[] c = trained(4);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    private static double[] trained(long seed) throws Exception {
        Network net = TestModels.network(SMALL);
        Corpus corpus = Corpus.parse("alternating.txt", alternatingCorpus(100, 7), net.model().tokens());
        new Trainer(net, corpus, new TrainingOptions(300, 0.01, seed)).train(ProgressListener.NONE);
        return net.parameters().values().clone();
    }
}
