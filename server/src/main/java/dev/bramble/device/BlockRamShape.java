package dev.bramble.device;

/** One way a block RAM can be configured: {@code depth} words of {@code width} bits. */
public record BlockRamShape(int depth, int width) {
    @Override
    public String toString() {
        return depth + "x" + width;
    }
}
