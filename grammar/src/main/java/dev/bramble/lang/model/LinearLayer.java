package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code linear fc1 [in -> out] relu bias}: y = act(W x + b), W stored [out, in], b [out] when
 * {@code bias} is given (null otherwise). With {@code tied wte} the matrix is the embedding
 * {@code wte}'s table ([vocab, dim] = [out, in]): {@code tensor} is that embedding's tensor and
 * {@code tiedTo} its path; the linear owns no matrix of its own.
 */
public record LinearLayer(String path, String name, int inWidth, int outWidth, Activation activation,
                          Tensor tensor, Range range, Range inWidthRange, Tensor bias, String tiedTo) implements Layer {
    public LinearLayer(String path, String name, int inWidth, int outWidth, Activation activation,
                       Tensor tensor, Range range, Range inWidthRange) {
        this(path, name, inWidth, outWidth, activation, tensor, range, inWidthRange, null, null);
    }

    public String kind() { return "linear"; }

    public boolean tied() { return tiedTo != null; }

    public boolean hasBias() { return bias != null; }

    /** The tensors this layer owns: its matrix (unless tied) and its bias. */
    public List<Tensor> tensors() {
        List<Tensor> out = new ArrayList<>(2);
        if (!tied()) out.add(tensor);
        if (bias != null) out.add(bias);
        return out;
    }
}
