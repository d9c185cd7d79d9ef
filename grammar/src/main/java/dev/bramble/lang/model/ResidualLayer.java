package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;
import java.util.List;

/** {@code residual { ... }}: x + body(x). The body keeps the width. */
public record ResidualLayer(int width, List<Layer> children, Range range) implements Layer {
    public ResidualLayer {
        children = List.copyOf(children);
    }

    public String kind() { return "residual"; }
    public String path() { return "residual"; }
    public int inWidth() { return width; }
    public int outWidth() { return width; }
}
