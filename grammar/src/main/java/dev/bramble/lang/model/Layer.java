package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;
import java.util.List;

/**
 * One layer of a model, resolved: widths are numbers, names are full paths. Widths are the
 * number of activations flowing in and out; a token embedding reads a token id, so its
 * input width is 0.
 */
public sealed interface Layer
        permits InputLayer, EmbeddingLayer, NormLayer, LinearLayer, AttentionLayer,
                ResidualLayer, BlockLayer, SampleLayer, ArgmaxLayer {

    /** The keyword that introduced the layer: {@code linear}, {@code rmsnorm}, ... */
    String kind();

    /** Full path for named layers ({@code layer0.mlp_fc1}), or the kind for anonymous ones. */
    String path();

    int inWidth();

    int outWidth();

    /** The layer's own tensors (not its children's). */
    default List<Tensor> tensors() {
        return List.of();
    }

    default List<Layer> children() {
        return List.of();
    }

    /** The layer's source text, from its keyword to its end (a block's closing brace). */
    Range range();
}
