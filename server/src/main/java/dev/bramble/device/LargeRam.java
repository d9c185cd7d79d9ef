package dev.bramble.device;

/** A large on-chip RAM beside the block RAMs (iCE40 SPRAM, UltraRAM, Gowin PSRAM). */
public record LargeRam(String name, int count, long bits) {
}
