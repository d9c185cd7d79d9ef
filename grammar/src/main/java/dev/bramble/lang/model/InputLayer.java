package dev.bramble.lang.model;

import dev.bramble.lang.model.FixedFormat;
import dev.bramble.lang.source.Range;

/** {@code input x [64] q1.7}: a vector fed from outside, in its own number format. */
public record InputLayer(String path, int width, FixedFormat format, Range range) implements Layer {
    public String kind() { return "input"; }
    public int inWidth() { return width; }
    public int outWidth() { return width; }
}
