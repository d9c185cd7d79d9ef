package dev.bramble.train;

/**
 * Activations of one layer for every position of a sequence, and their gradients: row t of
 * {@code value} (offset {@code t * width}) is the layer's output at position t. Sized once for
 * the model's context, so a training step allocates nothing.
 */
final class Buffer {
    final int width;
    final double[] value;
    final double[] grad;

    Buffer(int width, int positions) {
        this.width = width;
        this.value = new double[width * positions];
        this.grad = new double[width * positions];
    }

    /** Clears the gradients of the first {@code positions} rows (backward passes accumulate). */
    void clearGrad(int positions) {
        java.util.Arrays.fill(grad, 0, positions * width, 0.0);
    }
}
