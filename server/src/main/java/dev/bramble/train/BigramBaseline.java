package dev.bramble.train;

import java.util.List;

/**
 * The yardstick a trained model must beat: a bigram count table (add-one smoothed, counted on
 * the training documents) scored on other documents, predicting the same tokens the network
 * predicts (at most {@code context} per document).
 */
public final class BigramBaseline {
    private final int vocabulary;
    private final double[] logProb;

    public BigramBaseline(List<int[]> training, int vocabulary) {
        this.vocabulary = vocabulary;
        long[] counts = new long[vocabulary * vocabulary];
        for (int[] doc : training) {
            for (int t = 0; t + 1 < doc.length; t++) counts[doc[t] * vocabulary + doc[t + 1]]++;
        }
        logProb = new double[counts.length];
        for (int a = 0; a < vocabulary; a++) {
            long row = vocabulary; // add-one smoothing
            for (int b = 0; b < vocabulary; b++) row += counts[a * vocabulary + b];
            for (int b = 0; b < vocabulary; b++) {
                logProb[a * vocabulary + b] = Math.log((counts[a * vocabulary + b] + 1.0) / row);
            }
        }
    }

    /** Mean cross-entropy, nats per predicted token. */
    public double meanLoss(List<int[]> documents, int context) {
        double total = 0;
        long predictions = 0;
        for (int[] doc : documents) {
            int positions = Math.min(context, doc.length - 1);
            for (int t = 0; t < positions; t++) total -= logProb[doc[t] * vocabulary + doc[t + 1]];
            predictions += positions;
        }
        return total / predictions;
    }
}
