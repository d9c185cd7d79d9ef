package dev.bramble.train;

/**
 * One layer of the trainable network, run over a whole sequence at once (layer by layer,
 * which computes exactly what the token-by-token KV-cache loop computes, because every layer
 * but attention is position-wise and attention is causal).
 *
 * <p>Convention: {@link #backward} <em>adds</em> into its input's gradient and into the
 * parameter gradients; the network clears all of them before a backward pass, so a value read
 * by two layers (a residual's input, attention's q/k/v input) gets the sum.
 */
interface Op {
    /** Computes positions 0 .. positions-1. {@code tokens[t]} is the input token at position t. */
    void forward(int[] tokens, int positions);

    void backward(int[] tokens, int positions);

    Buffer output();
}
