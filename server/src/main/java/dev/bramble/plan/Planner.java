package dev.bramble.plan;

import dev.bramble.device.Device;
import dev.bramble.device.Family;
import dev.bramble.lang.model.Model;
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
            List<KvCache> caches = new ArrayList<>();
            for (AttentionCore core : program.attentionCores()) {
                // a core's caches: a block per layer that runs on it, charged to its first layer
                caches.add(KvCache.of(core, "k", model.context(), lanes, na));
                caches.add(KvCache.of(core, "v", model.context(), lanes, na));
            }
            int wa = MultiplierInventory.laneA(model);
            int wb = MultiplierInventory.laneB(model);
            LaneWidths lane = new LaneWidths(wa, wb, program.accumulatorWidth());

            int depth = program.romDepth();
            Storage storage = target.storage() == null ? Storage.AUTO : target.storage();
            boolean block = storage == Storage.BRAM || (storage == Storage.AUTO
                    && (device == null || (long) depth * nw * 4 >= device.family().blockRam().bits()));
            List<RomBank> banks = new ArrayList<>();
            if (depth > 0) for (int l = 0; l < lanes; l++) banks.add(new RomBank(l, depth, nw, block));
            List<KvCache> kv = new ArrayList<>();
            int weightBlocks = 0;
            if (device != null) for (RomBank b : banks) if (b.block()) weightBlocks += device.family().blockRam().blocksFor(b.depth(), b.width());
            int taken = 0;
            for (KvCache c : caches) {
                boolean inBlocks = kvInBlockRam(c, storage, weightBlocks, taken);
                if (inBlocks && device != null) taken += device.family().blockRam().blocksFor(c.rows(), c.width());
                kv.add(new KvCache(c.layer(), c.which(), c.rows(), c.width(), inBlocks));
            }

            ScratchMemory scratch = scratch(program, weightBlocks + taken);
            int placed = weightBlocks + taken + (device == null ? 0 : scratch.blocks(device.family().blockRam()));
            Placement scores = scores(program, placed);
            if (scores == Placement.BLOCK_RAM) placed += AttentionCore.scoreBlocks(program.attentionCores(), device.family().blockRam(), model.context(), lanes);
            Placement sums = sums(placed);

            // The multipliers are the ones the RTL builds (MultiplierInventory mirrors the emitted core).
            List<Multiplier> muls = MultiplierInventory.of(model, lanes);
            return new Plan(model, target, device, lanes, nw, na, lane, program, banks, kv, scratch, scores, sums, muls,
                    Schedule.of(program, model.context()));
        }

        /**
         * The lanes' scratch memories: LUT RAM where the logic cells can be RAM; on a family
         * whose cannot (iCE40) block RAM when a copy per lane and read port fits in the blocks
         * left after the weights and caches ({@code taken}) — as flip-flops each row costs a
         * word of registers and every read port a rows-input multiplexer per bit (microGPT at
         * one lane on the UP5K: 1.5k flip-flops and 3.8k LUT4 for 96 rows) — else flip-flops.
         */
        ScratchMemory scratch(CoreProgram program, int taken) {
            int rows = Math.max(1, program.rows());
            int ports = ScratchMemory.portsRead(model, lanes);
            ScratchMemory lutRam = new ScratchMemory(lanes, rows, na, ports, Placement.LUT_RAM);
            if (device == null || device.family().distributedRam()) return lutRam;
            ScratchMemory block = new ScratchMemory(lanes, rows, na, ports, Placement.BLOCK_RAM);
            if (taken + block.blocks(device.family().blockRam()) <= device.bram()) return block;
            return new ScratchMemory(lanes, rows, na, ports, Placement.REGISTERS);
        }

        /**
         * The attention cores' score memories: LUT RAM where the logic cells can be RAM; else
         * block RAM when left over after the scratch memories ({@code taken}; those save more
         * logic a block), else flip-flops (microGPT at one lane: 2 blocks instead of 2k flip-flops).
         */
        Placement scores(CoreProgram program, int taken) {
            if (device == null || device.family().distributedRam()) return Placement.LUT_RAM;
            int blocks = AttentionCore.scoreBlocks(program.attentionCores(), device.family().blockRam(), model.context(), lanes);
            return taken + blocks <= device.bram() ? Placement.BLOCK_RAM : Placement.REGISTERS;
        }

        /** The sampler's stored sums: as the score memories, after them. */
        Placement sums(int taken) {
            if (device == null || device.family().distributedRam()) return Placement.LUT_RAM;
            int[] sums = Plan.samplerSums(model);
            if (sums == null) return Placement.REGISTERS;
            return taken + device.family().blockRam().blocksFor(sums[0], sums[1]) <= device.bram() ? Placement.BLOCK_RAM : Placement.REGISTERS;
        }

        /**
         * Where a KV cache goes: block RAM whenever its blocks are left over after the weights
         * ({@code weightBlocks}) and the caches placed before it ({@code taken}) — logic, not
         * block RAM, is what the lane-shared core runs short of (microGPT's two 16 × 256-bit
         * caches take 256 Cyclone V ALMs as MLABs; a 2-layer width-32 model's four 128 × 128-bit
         * ones take 6.1k of an LFE5U-25F's 24k LUT4 as distributed RAM, or 16 of its 56 DP16KD).
         * Distributed RAM only when the blocks are not there and the logic could hold it, and never
         * on a family whose logic cannot be RAM (iCE40), where the alternative would be flip-flops.
         */
        boolean kvInBlockRam(KvCache c, Storage storage, int weightBlocks, int taken) {
            if (storage == Storage.LUT) return false;
            if (device == null) return storage == Storage.BRAM;
            Family family = device.family();
            if (!family.distributedRam() || family.lutRam() == null) return true;
            if (weightBlocks + taken + family.blockRam().blocksFor(c.rows(), c.width()) <= device.bram()) return true;
            // no blocks left: distributed RAM if the part's logic could hold it at all, else block
            // RAM, where the estimate names the cache that does not fit
            return family.lutRam().units(c.rows(), c.width(), 1) > device.logic();
        }
    }
}
