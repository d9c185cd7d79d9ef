package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;

/** {@code argmax}: the output is the index of the largest logit. */
public record ArgmaxLayer(int width, Range range) implements Layer {
    public String kind() { return "argmax"; }
    public String path() { return "argmax"; }
    public int inWidth() { return width; }
    public int outWidth() { return width; }
}
