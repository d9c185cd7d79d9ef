package dev.bramble.estimate;

import dev.bramble.device.DspRules;
import dev.bramble.device.Device;
import dev.bramble.plan.Plan;

import java.util.List;
import java.util.Map;

/**
 * What a plan costs on its device. {@code bram} counts the family's smallest block RAM;
 * {@code dsp} counts DSP units as the vendor counts them (see {@link DspRules#blocks});
 * {@code dspCells} the cells Yosys (or the vendor tool) maps. {@code notes} says where a
 * figure follows vendor rules rather than what Yosys can check. {@code smallMemoryBram}: the
 * blocks the plan gives the core's small writable memories (the lanes' scratch, the score
 * memories, the sampler's sums) on a family whose logic cells cannot be RAM.
 */
public record Estimate(Plan plan, Device device, long params, long weightBits, long romBits,
                       int romBram, int kvBram, int smallMemoryBram, int bram, Map<String, Integer> dspCells, int dsp,
                       int lut, int ff, long[] cyclesPerPosition, double cyclesPerToken,
                       double tokensPerSecond, List<LayerEstimate> layers, List<String> notes) {

    public Estimate {
        dspCells = Map.copyOf(dspCells);
        layers = List.copyOf(layers);
        notes = List.copyOf(notes);
    }

    public double bramPercent() {
        return percent(bram, device.bram());
    }

    public double dspPercent() {
        return percent(dsp, device.dsp());
    }

    public double lutPercent() {
        return percent(lut, device.logic());
    }

    public double ffPercent() {
        return percent(ff, device.ffs());
    }

    /**
     * Percent of capacity. A resource the part does not have and the design does not use is 0 %;
     * one it uses anyway (which the estimator avoids: multipliers go to logic on a part without
     * DSP) is reported as at least 100 % per unit used, never an infinity that JSON cannot carry.
     */
    static double percent(long used, long capacity) {
        if (capacity <= 0) return used <= 0 ? 0 : 100.0 * used;
        return 100.0 * used / capacity;
    }
}
