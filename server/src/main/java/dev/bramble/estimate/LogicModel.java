package dev.bramble.estimate;

import dev.bramble.device.Family;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.InputLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.NormLayer;
import dev.bramble.lang.model.ResidualLayer;
import dev.bramble.plan.KvCache;
import dev.bramble.plan.Multiplier;
import dev.bramble.plan.Plan;
import dev.bramble.plan.RomBank;

import java.util.List;

/**
 * Logic and flip-flop estimates from the plan's structure. What dominates the generated core is
 * its activation memory: one {@code Na}-bit register per activation word, {@code lanes} words per
 * row, one row group per vector the design keeps (input, token embedding, each linear's output,
 * q/k/v and the attention accumulators, a norm's output inside a residual) — each word with a
 * write-select from its lane and a place in the broadcast read mux. The per-bit cost of that
 * memory is calibrated on Yosys 0.23 runs of the emitted digits design (docs/estimation.md); the
 * lanes' accumulators, distributed ROM/RAM and multipliers left in logic are added on top.
 */
final class LogicModel {
    private LogicModel() {}

    /** Logic cells per activation-memory bit, by logic unit (digits: xc7 5,949 LUT, iCE40 7,103 LUT4 for 1,728 bits). */
    static double perActivationBit(String logicUnit) {
        return switch (logicUnit) {
            case "LUT6" -> 3.1;
            case "ALM" -> 2.0;   // an ALM holds about 1.6 LUT6-sized functions (not yet measured)
            default -> 3.8;      // LUT4
        };
    }

    static int logic(Plan plan, Family family, int softMultiplierBits) {
        String unit = family.logicUnit();
        double lut6Scale = unit.equals("LUT6") ? 1.0 : unit.equals("ALM") ? 0.65 : 1.2;
        double total = perActivationBit(unit) * activationWords(plan) * plan.activationBits();
        total += lut6Scale * plan.lanes() * 2.0 * plan.lane().accumulator();   // accumulate + write-back round/saturate
        for (RomBank bank : plan.banks()) {
            if (!bank.block()) total += lut6Scale * Math.ceil(bank.depth() / 64.0) * bank.width() * 1.1;
        }
        for (KvCache kv : plan.kvCaches()) {
            if (!kv.block()) total += lut6Scale * Math.ceil(kv.rows() / 64.0) * kv.width();
        }
        for (Multiplier m : plan.multipliers()) {
            if (!m.unit().equals("lane")) total += lut6Scale * 40 * m.count();   // unit control, rounding, tables
        }
        total += lut6Scale * softMultiplierBits;
        total += lut6Scale * 300;                                               // sequencer and handshake
        return (int) Math.round(total);
    }

    static int flipFlops(Plan plan) {
        long ff = (long) activationWords(plan) * plan.activationBits();
        ff += (long) plan.lanes() * plan.lane().accumulator();
        for (KvCache kv : plan.kvCaches()) {
            if (!kv.block()) ff += 0; // distributed RAM: LUT RAM, not flip-flops
        }
        int context = plan.schedule().context();
        if (plan.kvCaches().size() > 0) ff += (long) plan.expUnits() * context * 32; // scores
        ff += 100;                                                               // sequencer, sampler state, norm registers
        return (int) Math.min(Integer.MAX_VALUE, ff);
    }

    /** Activation words: lanes × Σ ⌈width/lanes⌉ over the vectors the core keeps. */
    static long activationWords(Plan plan) {
        int lanes = plan.lanes();
        long rows = 0;
        boolean tokenEmbedding = false;
        for (Layer l : plan.model().flatLayers()) {
            if (l instanceof InputLayer in) rows += chunks(in.width(), lanes);
            else if (l instanceof EmbeddingLayer e && !tokenEmbedding) { rows += chunks(e.dim(), lanes); tokenEmbedding = true; }
            else if (l instanceof LinearLayer lin) rows += chunks(lin.outWidth(), lanes);
            else if (l instanceof AttentionLayer a) rows += chunks(a.attentionWidth(), lanes);
            else if (l instanceof ResidualLayer r) rows += normsIn(r.children(), lanes);
        }
        return rows * lanes;
    }

    private static long normsIn(List<Layer> body, int lanes) {
        long rows = 0;
        for (Layer l : body) if (l instanceof NormLayer n) rows += chunks(n.width(), lanes);
        return rows;
    }

    private static long chunks(int width, int lanes) {
        return (width + lanes - 1) / lanes;
    }
}
