package dev.bramble.estimate;

import dev.bramble.device.Family;
import dev.bramble.plan.KvCache;
import dev.bramble.plan.Multiplier;
import dev.bramble.plan.Plan;
import dev.bramble.plan.RomBank;

/**
 * Logic (LUT/ALM) and flip-flop estimates from the plan's structure. A first-order model, not
 * a synthesis: per-lane adders and operand muxes, vector-buffer read muxes, distributed ROMs
 * when storage is LUT, multipliers Yosys leaves in logic, and a fixed allowance per shared
 * unit. The RTL issue calibrates it against Yosys (target: within 25 %).
 */
final class LogicModel {
    private LogicModel() {}

    /** Logic in the family's unit: LUT6 (xc7), ALM (Cyclone V) or LUT4. */
    static int logic(Plan plan, Family family, int softMultiplierBits) {
        double lut6 = lut6Equivalents(plan, softMultiplierBits);
        return (int) Math.round(switch (family.logicUnit()) {
            case "LUT6" -> lut6;
            case "ALM" -> lut6 * 0.6;   // an ALM packs about 1.7 LUT6-sized functions
            default -> lut6 * 1.8;      // LUT4 families: a 4:1 mux or a 6-input function takes ~2 LUT4
        });
    }

    static double lut6Equivalents(Plan plan, int softMultiplierBits) {
        int lanes = plan.lanes();
        int na = plan.activationBits();
        double perLane = plan.lane().accumulator()      // accumulator adder (carry chain)
                + plan.lane().a()                        // A-operand select (ROM word / x / q / e / gain)
                + plan.lane().b() * 0.5                  // B-operand select
                + na * 1.5;                              // write-back: round, saturate, activation, residual add
        double total = lanes * perLane;
        int vector = bufferElements(plan);
        total += na * Math.max(1, vector) / 3.0 * Math.max(1, plan.prescaleUnits()); // broadcast read mux
        for (RomBank bank : plan.banks()) {
            if (!bank.block()) total += Math.ceil(bank.depth() / 64.0) * bank.width() * 1.1;
        }
        for (KvCache kv : plan.kvCaches()) {
            if (!kv.block()) total += Math.ceil(kv.rows() / 64.0) * kv.width();
        }
        for (Multiplier m : plan.multipliers()) {
            if (!m.unit().equals("lane")) total += 40 * m.count();   // unit control, rounding, tables
        }
        total += softMultiplierBits;                                // partial products left in logic
        total += 200;                                               // sequencer and handshake
        return total;
    }

    static int bufferElements(Plan plan) {
        int widest = 0;
        for (var layout : plan.layouts()) widest = Math.max(widest, Math.max(layout.rows(), layout.columns()));
        return widest;
    }

    static int flipFlops(Plan plan) {
        int na = plan.activationBits();
        long ff = (long) plan.lanes() * (plan.lane().accumulator() + plan.lane().b() + plan.weightBits());
        ff += (long) bufferElements(plan) * na * 4;                 // x, q/h, work and logits buffers
        int context = plan.schedule().context();
        for (KvCache kv : plan.kvCaches()) {
            if (!kv.block()) ff += kv.bits();
        }
        ff += (long) plan.expUnits() * (context * 32 + 64);         // scores and exp registers
        ff += 400;                                                  // sequencer, sampler state, norm registers
        return (int) Math.min(Integer.MAX_VALUE, ff);
    }
}
