package dev.bramble.plan;

import dev.bramble.numerics.FixedMath;
import dev.bramble.device.Device;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.BlockLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.NormLayer;
import dev.bramble.lang.model.ResidualLayer;
import dev.bramble.lang.model.Storage;
import dev.bramble.lang.model.Target;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link Plan} for a model on a target and device, exactly as
 * docs/architecture.md describes. Pure and fast (the editor re-plans on every keystroke).
 */
public final class Planner {
    private Planner() {}

    public static Plan plan(Model model, Target target, Device device) {
        return new Builder(model, target, device).build();
    }

    /**
     * Column groups for a linear [out, in] on L lanes. Rows first: with {@code out ≥ L} there is
     * one group. With fewer rows than lanes, the largest divisor s of L that still gives every
     * row its own lane ({@code L/s ≥ out}): one pass, columns split s ways. Bounded like this the
     * write-back adds at most s partial sums and the operand path needs s prescale units.
     */
    public static int columnSplit(int out, int in, int lanes) {
        if (out >= lanes) return 1;
        int best = 1;
        for (int s = 1; s <= lanes; s++) {
            if (lanes % s == 0 && lanes / s >= out && s <= Math.max(1, in)) best = s;
        }
        return best;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static final class Builder {
        final Model model;
        final Target target;
        final Device device;
        final int lanes;
        final int na;
        final int nw;
        final List<KvCache> caches = new ArrayList<>();
        int maxHeads;
        boolean anyNorm;
        boolean anyNormApply;
        int maxFanIn = 1;
        int maxNormWidth = 1;

        Builder(Model model, Target target, Device device) {
            this.model = model;
            this.target = target;
            this.device = device;
            this.lanes = Math.max(1, target.lanes());
            this.na = model.activationFormat().totalBits();
            // A ROM word holds the widest weight format (a layer may have its own: 'weights q1.7').
            this.nw = MultiplierInventory.weightBits(model);
        }

        Plan build() {
            CoreProgram program = CoreProgram.of(model, lanes);
            walk(model.layers());
            boolean attention = maxHeads > 0;
            int wa = MultiplierInventory.laneA(model);
            int wb = MultiplierInventory.laneB(model);
            int context = model.context();
            int acc = nw + na + FixedMath.ceilLog2(maxFanIn);
            if (anyNorm) acc = Math.max(acc, 2 * na + FixedMath.ceilLog2(maxNormWidth));
            if (attention) acc = Math.max(acc, na + 16 + FixedMath.ceilLog2(context));
            if (anyNormApply) acc = Math.max(acc, na + MultiplierInventory.normGainWidth(maxNormWidth)); // x times the gain G (18 bits signed)
            LaneWidths lane = new LaneWidths(wa, wb, acc);

            int depth = program.romDepth();
            Storage storage = target.storage() == null ? Storage.AUTO : target.storage();
            boolean block = storage == Storage.BRAM || (storage == Storage.AUTO
                    && (device == null || (long) depth * nw * 4 >= device.family().blockRam().bits()));
            List<RomBank> banks = new ArrayList<>();
            if (depth > 0) for (int l = 0; l < lanes; l++) banks.add(new RomBank(l, depth, nw, block));
            List<KvCache> kv = new ArrayList<>();
            for (KvCache c : caches) kv.add(new KvCache(c.layer(), c.which(), c.rows(), c.width(), kvInBlockRam(c, storage)));

            // The multipliers are the ones the RTL builds (MultiplierInventory mirrors the emitted core).
            List<Multiplier> muls = MultiplierInventory.of(model, lanes);
            return new Plan(model, target, device, lanes, nw, na, lane, program, banks, kv, muls,
                    Schedule.of(program, model.context()));
        }

        /**
         * A KV cache goes to block RAM only when it fills at least half of the blocks it needs
         * (a 16 × 256-bit cache would waste seven M10K); otherwise distributed RAM — except on a
         * family whose logic cannot be RAM (iCE40), where the alternative is flip-flops.
         */
        boolean kvInBlockRam(KvCache c, Storage storage) {
            if (storage == Storage.LUT) return false;
            if (device == null) return storage == Storage.BRAM;
            if (!device.family().distributedRam()) return true;
            var bram = device.family().blockRam();
            return c.bits() * 2 >= (long) bram.blocksFor(c.rows(), c.width()) * bram.bits();
        }

        /** The sizes the lanes' widths depend on: fan-ins, norms, attention. */
        void walk(List<Layer> layers) {
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                Layer next = i + 1 < layers.size() ? layers.get(i + 1) : null;
                if (layer instanceof NormLayer n) {
                    anyNorm = true;
                    maxNormWidth = Math.max(maxNormWidth, n.width());
                    anyNormApply |= !(next instanceof LinearLayer || next instanceof AttentionLayer);
                } else if (layer instanceof LinearLayer l) {
                    maxFanIn = Math.max(maxFanIn, l.inWidth() + (l.hasBias() ? 1 : 0));   // the bias column is one more term
                } else if (layer instanceof AttentionLayer a) {
                    maxHeads = Math.max(maxHeads, a.heads());
                    // (each bias column is one more term)
                    boolean qkvBias = a.query().hasBias() || a.key().hasBias() || a.value().hasBias();
                    maxFanIn = Math.max(maxFanIn, Math.max(a.query().inWidth() + (qkvBias ? 1 : 0), a.output().inWidth() + (a.output().hasBias() ? 1 : 0)));
                    int aw = a.attentionWidth();
                    caches.add(KvCache.of(a.path(), "k", model.context(), aw, lanes, na));
                    caches.add(KvCache.of(a.path(), "v", model.context(), aw, lanes, na));
                } else if (layer instanceof ResidualLayer || layer instanceof BlockLayer) {
                    walk(layer.children());
                }
            }
        }
    }
}
