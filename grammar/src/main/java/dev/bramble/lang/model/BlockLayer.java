package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;
import java.util.List;

/**
 * {@code block layer0 { ... }}: a named group that adds a path component. A repeated block
 * {@code block layer[0..3]} resolves to four of these, {@code layer0} ... {@code layer3}, all with
 * the same source range.
 */
public record BlockLayer(String path, int inWidth, int outWidth, List<Layer> children, Range range) implements Layer {
    public BlockLayer {
        children = List.copyOf(children);
    }

    public String kind() { return "block"; }
}
