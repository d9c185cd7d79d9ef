package dev.bramble.golden;

import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.InputLayer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.NormLayer;

/**
 * One back end of the {@link Interpreter}: how each layer kind computes, on vectors of type
 * {@code V} ({@code double[]} for the float model, {@code long[]} of activation integers for the
 * fixed-point model). Each method is one layer's forward pass and returns a new vector, so the
 * interpreter (and a {@link LayerObserver}) can keep every intermediate value.
 */
public interface Arithmetic<V> {
    /** A vector model's input layer; {@code input} holds real values. */
    V input(InputLayer layer, double[] input);

    V tokenEmbedding(EmbeddingLayer layer, int token);

    V positionEmbedding(EmbeddingLayer layer, V x, int position);

    V norm(NormLayer layer, V x);

    /** {@code logits}: this is the layer that produces the logits (numerics.md: 32-bit saturation). */
    V linear(LinearLayer layer, V x, boolean logits);

    /** Causal attention at {@code position}; appends this position's key and value to the layer's cache. */
    V attention(AttentionLayer layer, V x, int position);

    /** Residual: x + body(x). */
    V add(V x, V body);

    /** Forget every KV cache (a new sequence starts). */
    void reset();

    /** The real value of each element (for comparison and printing). */
    double[] toDouble(V x);
}
