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
                     LutRamKind lutRam, double fallingEdgeReadMHz) {

    /** The logic cells can be small RAMs. */
    public boolean distributedRam() {
        return lutRam != null;
    }

    /**
     * Where the core's activation rows are block RAM read on the falling edge (lane_scratch.v
     * STYLE 2), the clock up to which the logic after the read has time in the half clock it
     * leaves (measured; 0 where no figure is known). A target asking more reads the rows a clock
     * ahead instead (Plan.scratchReadAhead).
     */
    public boolean readsAheadAt(double clockMHz) {
        return fallingEdgeReadMHz > 0 && clockMHz > fallingEdgeReadMHz;
    }
}
