package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;

/** {@code sample temperature 0.5 seed 2}: draw the next token from softmax(logits / T). */
public record SampleLayer(int width, double temperature, long seed, boolean seedGiven, Range range) implements Layer {
    public String kind() { return "sample"; }
    public String path() { return "sample"; }
    public int inWidth() { return width; }
    public int outWidth() { return width; }
}
