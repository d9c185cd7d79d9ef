package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;
import java.util.List;

/**
 * {@code embedding wte [vocab, dim]} looks a token's row up; with {@code position} the row of
 * the current position is added to the activations instead.
 */
public record EmbeddingLayer(String path, int rows, int dim, boolean position, Tensor tensor, Range range)
        implements Layer {
    public String kind() { return "embedding"; }
    public int inWidth() { return position ? dim : 0; }
    public int outWidth() { return dim; }
    public List<Tensor> tensors() { return List.of(tensor); }
}
