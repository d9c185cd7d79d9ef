package dev.bramble.plan;

/** One attention layer's key or value cache: {@code rows} (context) × {@code width} bits, one row per cycle. */
public record KvCache(String layer, String which, int rows, int width, boolean block) {
    public long bits() {
        return (long) rows * width;
    }
}
