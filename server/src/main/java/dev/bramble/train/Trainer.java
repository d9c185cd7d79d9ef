package dev.bramble.train;

import java.util.List;
import java.util.Random;

/**
 * microGPT's training loop: one document per step, mean cross-entropy over its positions,
 * backpropagation, Adam with the learning rate decayed linearly from its peak to 0. Documents
 * are visited in a fresh seeded permutation each epoch. Deterministic: the same network,
 * corpus and options give the same weights, bit for bit.
 */
public final class Trainer {
    private final Network network;
    private final Corpus corpus;
    private final TrainingOptions options;

    public Trainer(Network network, Corpus corpus, TrainingOptions options) {
        this.network = network;
        this.corpus = corpus;
        this.options = options;
    }

    /** Initializes the weights from the seed and trains. */
    public void train(ProgressListener progress) {
        Parameters p = network.parameters();
        p.initializeRandom(options.seed());
        continueTraining(progress);
    }

    /** Trains from the network's current weights. */
    public void continueTraining(ProgressListener progress) {
        Parameters p = network.parameters();
        Adam adam = new Adam(p.count());
        List<int[]> docs = corpus.training();
        int[] order = new int[docs.size()];
        Random shuffler = new Random(options.seed() ^ 0x5DEECE66DL);
        int steps = options.steps();
        for (int step = 0; step < steps; step++) {
            int inEpoch = step % order.length;
            if (inEpoch == 0) permute(order, shuffler);
            int[] doc = docs.get(order[inEpoch]);
            int positions = Math.min(network.context(), doc.length - 1);
            double loss = network.loss(doc, positions);
            p.clearGrads();
            network.backward(doc, positions, 1.0 / positions);
            double lr = options.learningRate() * (1 - (double) step / steps);
            adam.update(p.values, p.grads, lr);
            progress.onStep(step + 1, steps, loss / positions);
        }
    }

    /** Fisher–Yates over 0..n-1 (java.util.Random's sequence is fixed by its specification). */
    private static void permute(int[] order, Random random) {
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /**
     * Mean cross-entropy in nats per predicted token over {@code documents} (every character and
     * the closing BOS is one prediction; a document longer than the context is cut as in training).
     */
    public static double meanLoss(Network network, List<int[]> documents) {
        double total = 0;
        long predictions = 0;
        for (int[] doc : documents) {
            int positions = Math.min(network.context(), doc.length - 1);
            total += network.loss(doc, positions);
            predictions += positions;
        }
        return total / predictions;
    }
}
