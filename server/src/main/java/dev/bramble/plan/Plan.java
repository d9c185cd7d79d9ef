package dev.bramble.plan;

import dev.bramble.device.Device;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Target;

import java.util.List;

/**
 * The hardware plan: model + target + device → the architecture the emitter builds and the
 * estimator costs (docs/architecture.md). Immutable; build it with {@link Planner#plan}.
 *
 * @param lanes            MAC lanes (the target's {@code lanes})
 * @param weightBits       Nw, bits per ROM word
 * @param activationBits   Na
 * @param lane             each lane's multiplier and accumulator widths
 * @param program          the core's ops, activation rows and tensor layouts: what the emitter writes
 * @param banks            one ROM bank per lane (all the same depth)
 * @param kvCaches         K and V RAMs per attention core (AttentionCore)
 * @param multipliers      every multiplier of the design, by unit (lanes first)
 * @param schedule         the program's ops with their exact cycles
 */
public record Plan(Model model, Target target, Device device,
                   int lanes, int weightBits, int activationBits, LaneWidths lane,
                   CoreProgram program, List<RomBank> banks, List<KvCache> kvCaches,
                   List<Multiplier> multipliers, Schedule schedule) {

    public Plan {
        banks = List.copyOf(banks);
        kvCaches = List.copyOf(kvCaches);
        multipliers = List.copyOf(multipliers);
    }

    /** Where each tensor sits in the banks, in bank order. */
    public List<TensorLayout> layouts() {
        return program.layouts();
    }

    /** Words in each lane's bank. */
    public int bankDepth() {
        return banks.isEmpty() ? 0 : banks.get(0).depth();
    }

    public boolean romInBlockRam() {
        return !banks.isEmpty() && banks.get(0).block();
    }

    /**
     * The lanes' scratch memories (activation rows, rtl-lib/lane_scratch.v) are LUT RAM where
     * the family's logic cells can be small RAMs (one RAM per read port, replicated); without
     * that, flip-flops with a row multiplexer per read port.
     */
    public boolean scratchInLutRam() {
        return device == null || device.family().distributedRam();
    }

    /** Read ports of each lane's scratch memory: operand, old value, one broadcast per column group (rtl-lib/lane_scratch.v). */
    public static int scratchReadPorts(int maxSplit) {
        return 2 + maxSplit;
    }
}
