package dev.bramble.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void twoStepsMatchTheFormulaWorkedByHand() {
        double[] w = {1.0, -0.5};
        Adam adam = new Adam(2);
        adam.update(w, new double[] {0.2, -0.4}, 0.1);
        // step 1: m̂ = g, v̂ = g², so w -= lr · g / (|g| + 1e-8)
        assertEquals(1.0 - 0.1 * 0.2 / (0.2 + 1e-8), w[0], 1e-15);
        assertEquals(-0.5 + 0.1 * 0.4 / (0.4 + 1e-8), w[1], 1e-15);
        double w0 = w[0];
        adam.update(w, new double[] {0.1, 0.0}, 0.05);
        // step 2: m = 0.85·0.15·0.2 + 0.15·0.1, v = 0.99·0.01·0.04 + 0.01·0.01
        double m = 0.85 * (0.15 * 0.2) + 0.15 * 0.1;
        double v = 0.99 * (0.01 * 0.04) + 0.01 * 0.01;
        double mHat = m / (1 - 0.85 * 0.85);
        double vHat = v / (1 - 0.99 * 0.99);
        assertEquals(w0 - 0.05 * mHat / (Math.sqrt(vHat) + 1e-8), w[0], 1e-15);
    }
}
