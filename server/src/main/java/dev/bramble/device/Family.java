package dev.bramble.device;

/** An FPGA family: what its parts share (block RAM, multipliers, the Yosys flow that maps it). */
public record Family(String id, String name, String vendor, String logicUnit,
                     double typicalMaxClockMHz, String clockSource,
                     BlockRamKind blockRam, DspKind dsp,
                     String yosysSynth, boolean yosysMapsBlockRam, boolean yosysMapsDsp) {
}
