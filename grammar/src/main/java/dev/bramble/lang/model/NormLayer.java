package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;

/** {@code rmsnorm} or {@code layernorm}: normalisation without learned scale (as in microGPT). */
public record NormLayer(Kind normKind, int width, Range range) implements Layer {
    public enum Kind { RMSNORM, LAYERNORM }

    public String kind() { return normKind == Kind.RMSNORM ? "rmsnorm" : "layernorm"; }
    public String path() { return kind(); }
    public int inWidth() { return width; }
    public int outWidth() { return width; }
}
