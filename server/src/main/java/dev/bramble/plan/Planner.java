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
            Plan plan = build(1);
            // a clock the falling-edge read cannot reach asks the scalar unit's Newton step in two
            // clocks too (the same places: nothing else depends on the stages)
            return plan.scratchReadAhead() ? build(2) : plan;
        }

        private Plan build(int scalarStages) {
            CoreProgram program = CoreProgram.of(model, lanes, scalarStages);
            List<KvCache> caches = new ArrayList<>();
            for (AttentionCore core : program.attentionCores()) {
                // a core's cache: a block per layer that runs on it, charged to its first layer
                caches.add(KvCache.of(core, model.context(), lanes, na));
            }
            int wa = MultiplierInventory.laneA(model);
            int wb = MultiplierInventory.laneB(model);
            int soft = device != null && device.hasDsp() ? LaneWidths.softLowBits(device.family().dsp(), wa, wb) : 0;
            LaneWidths lane = new LaneWidths(wa, wb, program.accumulatorWidth(), soft);

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
                if (inBlocks && device != null) taken += device.family().blockRam().blocksFor(c.rows(), c.width(), true);
                kv.add(new KvCache(c.layer(), c.rows(), c.width(), inBlocks));
            }

            // the small writable memories: LUT RAM where the logic cells can be RAM, else the
            // ones that save the most logic in the blocks left over, the others flip-flops
            int rows = Math.max(1, program.rows());
            int ports = ScratchMemory.portsRead(model, lanes);
            boolean[] large = largeRamMemories(program);
            Placement[] small = smallMemories(program, rows, ports, weightBlocks + taken, large);
            ScratchMemory scratch = new ScratchMemory(lanes, rows, na, ports, small[0]);
            Placement scores = small[1];
            Placement sums = small[2];
            Placement logits = Plan.logitStore(program) == null ? Placement.REGISTERS : small[3];

            // The multipliers are the ones the RTL builds (MultiplierInventory mirrors the emitted core).
            List<Multiplier> muls = MultiplierInventory.of(model, lanes, lane);
            Plan planned = new Plan(model, target, device, lanes, nw, na, lane, program, banks, kv, scratch, scores, sums, logits, false, false, muls,
                    Schedule.of(program, model.context()));
            int used = weightBlocks + taken + (device == null ? 0 : scratch.blocks(device.family().blockRam()))
                    + planned.scoreBlocks() + planned.sumBlocks() + planned.logitBlocks();
            boolean seeds = seedsInBlockRam(program, block, used);
            if (seeds && device != null) used += Plan.seedTableBlocks(program, device.family().blockRam());
            boolean exp = expInBlockRam(program, block, used);
            if (!seeds && !exp) return planned;
            return new Plan(model, target, device, lanes, nw, na, lane, program, banks, kv, scratch, scores, sums, logits, seeds, exp, muls,
                    planned.schedule());
        }

        /**
         * The exp units' tables (Plan.expUnits: two ROMs each) go to block RAM, all or none, when
         * the weights are there and the blocks are left after every other memory and the seed
         * table ({@code used}): about 320 iCE40 LUT4 of tables a unit, for two blocks.
         */
        boolean expInBlockRam(CoreProgram program, boolean romBlocks, int used) {
            int units = Plan.expUnits(program);
            if (units == 0 || !romBlocks) return false;
            if (device == null) return true;
            return used + units * Plan.expUnitBlocks(device.family().blockRam()) <= device.bram();
        }

        /**
         * The scalar unit's seed table (Plan.seedTable) goes where the weights go, block RAM when
         * the target puts them there ({@code romBlocks}) and a block is left after every other
         * memory ({@code used} blocks): the last memory placed, as it saves the least logic (a
         * 160 x 16 ROM: about 250 iCE40 LUT4).
         */
        boolean seedsInBlockRam(CoreProgram program, boolean romBlocks, int used) {
            if (Plan.seedTable(program) == null || !romBlocks) return false;
            if (device == null) return true;
            return used + Plan.seedTableBlocks(program, device.family().blockRam()) <= device.bram();
        }

        /**
         * Which of the small writable memories (smallMemories' order) go to the part's large
         * single-port RAM (Device.largeRam, e.g. the UP5K's four SPRAMs): the ones no clock both
         * reads and writes — the sampler's stored sums (written while the sums run, read by the
         * search after them) and the logit store (written by the logits' linear, read by the
         * sampler's op) — the sums first, each while its units are left. Otherwise unused, that
         * RAM costs nothing, and every block it frees goes to what saves logic (exp tables).
         */
        boolean[] largeRamMemories(CoreProgram program) {
            boolean[] out = new boolean[4];
            if (device == null || device.largeRam() == null || !device.largeRam().usable()) return out;
            dev.bramble.device.LargeRam ram = device.largeRam();
            int left = ram.count();
            int[][] candidates = {null, null, Plan.samplerSums(model), Plan.logitStore(program)};
            for (int i = 2; i < candidates.length; i++) {
                int[] m = candidates[i];
                if (m == null) continue;
                int units = ram.unitsFor(m[0], m[1]);
                if (units > 0 && units <= left) { out[i] = true; left -= units; }
            }
            return out;
        }

        /**
         * Where the core's small writable memories go — the lanes' scratch memories, the
         * attention cores' score memories, the sampler's stored sums and the logit store
         * (Plan.logitStore), in that order in the result: LUT RAM where the family's logic cells
         * can be RAM. On a family whose cannot (iCE40) each is wholly block RAM or flip-flops, and
         * the set in block RAM is the one that fits in the blocks left after the weights and
         * caches ({@code taken}) and keeps the most bits out of logic (a bit in flip-flops is a
         * register and an input of each read port's row multiplexer: bits × (1 + read ports)); on
         * a tie the fewer blocks. microGPT on the UP5K: at one lane all four (1.5k, 2k, 0.6k and
         * 0.9k flip-flops and their multiplexers); at two lanes the scratch and the scores.
         */
        Placement[] smallMemories(CoreProgram program, int rows, int ports, int taken, boolean[] large) {
            if (device == null || device.family().distributedRam()) {
                return new Placement[] {Placement.LUT_RAM, Placement.LUT_RAM, Placement.LUT_RAM, Placement.LUT_RAM};
            }
            dev.bramble.device.BlockRamKind kind = device.family().blockRam();
            int context = model.context();
            int[] sums = Plan.samplerSums(model);
            int[] logits = Plan.logitStore(program);
            int headLanes = 0, scoreRows = 0;
            for (AttentionCore core : program.attentionCores()) {
                headLanes += core.headLanes(lanes);
                scoreRows = Math.max(scoreRows, core.scoreRows(context, lanes));
            }
            int[] blocks = {
                new ScratchMemory(lanes, rows, na, ports, Placement.BLOCK_RAM).blocks(kind),
                AttentionCore.scoreBlocks(program.attentionCores(), kind, context, lanes),
                sums == null ? 0 : kind.blocksFor(sums[0], sums[1], true),
                logits == null ? 0 : kind.blocksFor(logits[0], logits[1], true)};
            long[] kept = {
                (long) lanes * rows * na * (1 + ports),
                (long) headLanes * scoreRows * AttentionCore.SCORE_BITS * 2,
                sums == null ? 0 : (long) sums[0] * sums[1] * 2,
                logits == null ? 0 : (long) logits[0] * logits[1] * 2};
            boolean[] present = {true, !program.attentionCores().isEmpty(), sums != null, logits != null};
            for (int i = 0; i < large.length; i++) {
                if (large[i]) { present[i] = false; blocks[i] = 0; kept[i] = 0; }   // placed in the large RAM
            }
            int n = blocks.length;
            int best = 0;
            long bestKept = -1;
            int bestBlocks = 0;
            for (int set = 0; set < (1 << n); set++) {
                int used = 0;
                long k = 0;
                boolean ok = true;
                for (int i = 0; i < n; i++) {
                    if ((set & (1 << i)) == 0) continue;
                    if (!present[i]) ok = false;
                    used += blocks[i];
                    k += kept[i];
                }
                if (!ok || taken + used > device.bram()) continue;
                if (k > bestKept || (k == bestKept && used < bestBlocks)) { best = set; bestKept = k; bestBlocks = used; }
            }
            Placement[] out = new Placement[n];
            for (int i = 0; i < n; i++) {
                out[i] = large[i] ? Placement.LARGE_RAM : (best & (1 << i)) != 0 ? Placement.BLOCK_RAM : Placement.REGISTERS;
            }
            return out;
        }

        /**
         * Where a KV cache goes: block RAM whenever its blocks are left over after the weights
         * ({@code weightBlocks}) and the caches placed before it ({@code taken}) — logic, not
         * block RAM, is what the lane-shared core runs short of (microGPT's 32 × 256-bit cache
         * takes 256 Cyclone V ALMs as MLABs; a 2-layer width-32 model's 256 × 128-bit one would
         * take 6.1k of an LFE5U-25F's 24k LUT4 as distributed RAM, or 16 of its 56 DP16KD).
         * Distributed RAM only when the blocks are not there and the logic could hold it, and never
         * on a family whose logic cannot be RAM (iCE40), where the alternative would be flip-flops.
         */
        boolean kvInBlockRam(KvCache c, Storage storage, int weightBlocks, int taken) {
            if (storage == Storage.LUT) return false;
            if (device == null) return storage == Storage.BRAM;
            Family family = device.family();
            if (!family.distributedRam() || family.lutRam() == null) return true;
            if (weightBlocks + taken + family.blockRam().blocksFor(c.rows(), c.width(), true) <= device.bram()) return true;
            // no blocks left: distributed RAM if the part's logic could hold it at all, else block
            // RAM, where the estimate names the cache that does not fit
            return family.lutRam().units(c.rows(), c.width(), 1) > device.logic();
        }
    }
}
