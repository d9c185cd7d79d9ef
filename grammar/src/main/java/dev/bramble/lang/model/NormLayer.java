package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rmsnorm} or {@code layernorm}: normalisation, without learned scale (as in microGPT)
 * unless {@code gain} (a [width] tensor multiplying each output) and, for layernorm, {@code bias}
 * (added after it) are given: {@code layernorm ln_1 gain bias}. A norm with tensors has a name;
 * {@code path} is then its full path (the tensors are {@code PATH.gain} and {@code PATH.bias}).
 */
public record NormLayer(Kind normKind, int width, Range range, String name, String fullPath, Tensor gain, Tensor bias)
        implements Layer {
    public enum Kind { RMSNORM, LAYERNORM }

    public NormLayer(Kind normKind, int width, Range range) {
        this(normKind, width, range, null, null, null, null);
    }

    public String kind() { return normKind == Kind.RMSNORM ? "rmsnorm" : "layernorm"; }
    public String path() { return fullPath != null ? fullPath : kind(); }
    public int inWidth() { return width; }
    public int outWidth() { return width; }

    /** Whether the norm has a learned gain or bias. */
    public boolean learned() { return gain != null || bias != null; }

    public List<Tensor> tensors() {
        List<Tensor> out = new ArrayList<>(2);
        if (gain != null) out.add(gain);
        if (bias != null) out.add(bias);
        return out;
    }
}
