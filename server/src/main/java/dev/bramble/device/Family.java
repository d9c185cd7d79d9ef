package dev.bramble.device;

/**
 * An FPGA family: what its parts share (block RAM, multipliers, the Yosys flow that maps it).
 * {@code lutRam}: how the logic cells are small RAMs (LUT RAM, MLAB, DPR16X4, RAM16SDP4), or null
 * where they cannot be (iCE40): a RAM outside block RAM is flip-flops there.
 */
public record Family(String id, String name, String vendor, String logicUnit,
                     double typicalMaxClockMHz, String clockSource,
                     BlockRamKind blockRam, DspKind dsp,
                     String yosysSynth, boolean yosysMapsBlockRam, boolean yosysMapsDsp,
                     LutRamKind lutRam) {

    /** The logic cells can be small RAMs. */
    public boolean distributedRam() {
        return lutRam != null;
    }
}
