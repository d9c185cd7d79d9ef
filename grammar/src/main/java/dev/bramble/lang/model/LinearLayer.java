package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;
import java.util.List;

/** {@code linear fc1 [in -> out] relu}: y = act(W x), W stored [out, in]. No bias. */
public record LinearLayer(String path, String name, int inWidth, int outWidth, Activation activation,
                          Tensor tensor, Range range, Range inWidthRange) implements Layer {
    public String kind() { return "linear"; }
    public List<Tensor> tensors() { return List.of(tensor); }
}
