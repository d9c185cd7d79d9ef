package dev.bramble.plan;

/**
 * One lane's weight ROM ({@code rtl-lib/weight_rom.v}): {@code depth × width}, one clocked read
 * port, block RAM when {@code block}, else distributed logic.
 */
public record RomBank(int lane, int depth, int width, boolean block) {
    public long bits() {
        return (long) depth * width;
    }
}
