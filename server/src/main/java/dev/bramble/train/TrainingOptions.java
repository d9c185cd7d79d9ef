package dev.bramble.train;

/**
 * How to train: {@code steps} documents (one document per step, as microGPT), the peak
 * learning rate (decayed linearly to 0 over the run), and the seed that fixes the initial
 * weights ({@code weights random seed S}) and the document order.
 */
public record TrainingOptions(int steps, double learningRate, long seed) {
    public TrainingOptions {
        if (steps < 1) throw new IllegalArgumentException("steps must be at least 1");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw new IllegalArgumentException("learning rate must be above 0");
    }
}
