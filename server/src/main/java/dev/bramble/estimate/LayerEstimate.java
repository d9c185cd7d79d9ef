package dev.bramble.estimate;

/**
 * One row of the estimate table. Columns add up to the totals: a block RAM is charged to the
 * layer whose tensor makes the banks need it (running total), a shared unit's DSPs to the first
 * layer that uses it, cycles are the average over the context of the steps the layer runs.
 */
public record LayerEstimate(String name, String kind, long params, long weightBits, int roms,
                            int bram, int dsp, double cycles, long cyclesAtFirstPosition) {
}
