package dev.bramble.device;

/**
 * An FPGA family: what its parts share (block RAM, multipliers, the Yosys flow that maps it).
 * {@code distributedRam}: the logic cells can be small RAMs (LUT RAM, MLAB, DPR16X4, RAM16); without
 * them (iCE40) a RAM outside block RAM is flip-flops.
 */
public record Family(String id, String name, String vendor, String logicUnit,
                     double typicalMaxClockMHz, String clockSource,
                     BlockRamKind blockRam, DspKind dsp,
                     String yosysSynth, boolean yosysMapsBlockRam, boolean yosysMapsDsp,
                     boolean distributedRam) {
}
