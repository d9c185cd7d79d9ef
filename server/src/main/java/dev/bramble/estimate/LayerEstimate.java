package dev.bramble.estimate;

import dev.bramble.lang.source.Range;

/**
 * One row of the estimate table. Columns add up to the totals: a block RAM is charged to the
 * layer whose tensor makes the banks need it (running total), a shared unit's DSPs to the first
 * layer that uses it, cycles are the average over the context of the steps the layer runs.
 * {@code range} is the layer's source text (for editor hints), or null when it has none.
 */
public record LayerEstimate(String name, String kind, long params, long weightBits, int roms,
                            int bram, int dsp, double cycles, long cyclesAtFirstPosition, Range range) {
}
