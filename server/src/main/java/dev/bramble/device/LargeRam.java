package dev.bramble.device;

/**
 * A large on-chip RAM beside the block RAMs (iCE40 SPRAM, UltraRAM, Gowin PSRAM). With a
 * {@code cell} (the Yosys cell a memory marked {@code ram_style = "huge"} maps to) the plan may
 * put the core's single-port writable memories there: each takes {@link #unitsFor} of the
 * part's {@code count} units, {@code depth} words of {@code width} bits each. Without one it is
 * listed, never used (it cannot be inferred here, or is off-chip).
 */
public record LargeRam(String name, int count, long bits, String cell, int depth, int width) {

    public LargeRam(String name, int count, long bits) {
        this(name, count, bits, null, 0, 0);
    }

    /** Whether the plan may put a memory here. */
    public boolean usable() {
        return cell != null && depth > 0 && width > 0 && count > 0;
    }

    /** Units a memory of {@code rows} words of {@code bits} bits takes side by side, or 0 when it is deeper than a unit. */
    public int unitsFor(int rows, int bits) {
        if (!usable() || rows > depth || rows <= 0 || bits <= 0) return 0;
        return (bits + width - 1) / width;
    }
}
