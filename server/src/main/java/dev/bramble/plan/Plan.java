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
 * @param kvCaches         a KV cache per attention core (AttentionCore), K and V in one memory
 * @param scratch          the lanes' activation rows (rtl-lib/lane_scratch.v) and where they live
 * @param scores           where the attention cores' score memories live (AttentionCore.headLanes of them a core)
 * @param sums             where the sampler's stored running sums live (samplerSums)
 * @param logits           where the logits live (logitStore): a memory the sampler reads, or flip-flops
 * @param seedsInBlockRam  the scalar unit's seed table (seedTable) in block RAM; else a ROM in logic
 * @param expInBlockRam    the exp units' tables (expUnits) in block RAM; else ROMs in logic
 * @param multipliers      every multiplier of the design, by unit (lanes first)
 * @param schedule         the program's ops with their exact cycles
 */
public record Plan(Model model, Target target, Device device,
                   int lanes, int weightBits, int activationBits, LaneWidths lane,
                   CoreProgram program, List<RomBank> banks, List<KvCache> kvCaches, ScratchMemory scratch, Placement scores, Placement sums,
                   Placement logits, boolean seedsInBlockRam, boolean expInBlockRam,
                   List<Multiplier> multipliers, Schedule schedule) {

    public Plan {
        banks = List.copyOf(banks);
        kvCaches = List.copyOf(kvCaches);
        multipliers = List.copyOf(multipliers);
    }

    /**
     * The lanes' activation rows are block RAM read on the rising edge a clock ahead (the op table
     * decoded a clock early, the read addresses formed from the next clock's state: the logic
     * after a read has a whole clock) rather than on the falling edge (half a clock, about 200
     * LUT4 fewer on microGPT at one lane): when the target asks a clock above what the falling
     * edge allows the family (Family.readsAheadAt).
     */
    public boolean scratchReadAhead() {
        return scratch.placement() == Placement.BLOCK_RAM && device != null && target != null
                && device.family().readsAheadAt(target.clockMHz());
    }

    /**
     * The scalar unit's Newton step takes two clocks where the rows are read ahead (the program's
     * scalarStages, Planner): its three chained products cut at h, as the clock asks.
     */
    public int scalarStages() {
        return program.scalarStages();
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

    /** Block RAM the attention cores' score memories take (0 unless the plan puts them there). */
    public int scoreBlocks() {
        if (scores != Placement.BLOCK_RAM || device == null) return 0;
        return AttentionCore.scoreBlocks(program.attentionCores(), device.family().blockRam(), schedule.context(), lanes);
    }

    /**
     * The sampler's stored running sums (rtl-lib/sampler.v): V − 1 words of 17 + ⌈log2 V⌉ bits,
     * as {rows, bits}, or null for a model without a sampler over more than one token.
     */
    public static int[] samplerSums(dev.bramble.lang.model.Model model) {
        for (dev.bramble.lang.model.Layer l : model.flatLayers()) {
            if (l instanceof dev.bramble.lang.model.SampleLayer s && s.width() > 1) {
                return new int[] {s.width() - 1, 17 + dev.bramble.numerics.FixedMath.ceilLog2(s.width())};
            }
        }
        return null;
    }

    /** Block RAM the sampler's stored sums take (0 unless the plan puts them there). */
    public int sumBlocks() {
        int[] sums = samplerSums(model);
        if (sums == null || this.sums != Placement.BLOCK_RAM || device == null) return 0;
        return device.family().blockRam().blocksFor(sums[0], sums[1], true);
    }

    /**
     * The logits as one memory (the top's logit store, read by rtl-lib/sampler.v a word a clock):
     * V words of 32 bits, as {rows, bits}, when the program samples over more than one token and
     * the memory's one write port keeps up: one row lane writes the logits, or R of them in passes
     * at least R clocks apart (a pass's R words are held and written a clock each before the next
     * pass; the sampler reads the last pass's from the hold: TopWriter). Otherwise null: they are
     * flip-flops, which argmax and passes closer than that need.
     */
    public static int[] logitStore(CoreProgram program) {
        if (!(program.output().orElse(null) instanceof CoreOp.Sample) || program.logitCount() < 2) return null;
        for (CoreOp op : program.ops()) {
            if (op instanceof CoreOp.Linear lin && lin.logits() && !storeKeepsUp(lin, program.logitCount())) return null;
        }
        return new int[] {program.logitCount(), LOGIT_BITS};
    }

    /**
     * The logits the store holds past a pass's write (TopWriter.writeLogitHold): row lanes
     * 1..R-1's words when several row lanes write a store, else none (registers hold them all).
     */
    public static int heldLogits(CoreProgram program, Placement logits) {
        return logits == Placement.REGISTERS ? 0 : program.logitWriteLanes() - 1;
    }

    /** One write port keeps up with the logits linear: R words a pass, passes ≥ R clocks apart (or one pass). */
    static boolean storeKeepsUp(CoreOp.Linear lin, int logits) {
        int written = Math.min(lin.rowLanes(), logits);
        return written <= 1 || lin.passes() <= 1 || lin.segment() >= written;
    }

    /**
     * The scalar unit's seed table (rtl-lib/fx_newton.v, fx_rsqrt.v, fx_recip.v: read through a
     * clocked port) as {words, bits}: the rsqrt's 96 words for the norms, the reciprocal's 64 for
     * attention, both in one memory when the program has both; null when it has neither.
     */
    public static int[] seedTable(CoreProgram program) {
        boolean norm = program.ops().stream().anyMatch(o -> o instanceof CoreOp.Norm);
        boolean attention = !program.attentionCores().isEmpty();
        if (!norm && !attention) return null;
        return new int[] {(norm ? dev.bramble.numerics.FixedMath.RSQRT_TABLE.length : 0)
                + (attention ? dev.bramble.numerics.FixedMath.RECIP_TABLE.length : 0), SEED_BITS};
    }

    /** A seed table word's bits. */
    public static final int SEED_BITS = 16;

    /** Block RAM the seed table would take on {@code kind} (0 without one). */
    public static int seedTableBlocks(CoreProgram program, dev.bramble.device.BlockRamKind kind) {
        int[] table = seedTable(program);
        return table == null ? 0 : kind.blocksFor(table[0], table[1]);
    }

    /** Block RAM the seed table takes (0 unless the plan puts it there). */
    public int seedBlocks() {
        if (!seedsInBlockRam || device == null) return 0;
        return seedTableBlocks(program, device.family().blockRam());
    }

    /**
     * The exp units the core builds (rtl-lib/fx_exp_tables.v: a 256- and a 64-word table of
     * 16 bits each, read through clocked ports): one per head lane of each attention core, and
     * the sampler's own unless it borrows attention's (CoreProgram.sharesExpTables).
     */
    public static int expUnits(CoreProgram program) {
        int n = 0;
        for (AttentionCore core : program.attentionCores()) n += core.headLanes(program.lanes());
        return n + samplerExpUnits(program);
    }

    /** The sampler's own exp unit: 1, or 0 when it borrows attention's tables or there is no sampler. */
    public static int samplerExpUnits(CoreProgram program) {
        boolean sampler = program.output().orElse(null) instanceof CoreOp.Sample;
        return sampler && !program.sharesExpTables() ? 1 : 0;
    }

    /** The words of an exp unit's two tables (fx_exp_tables.v). */
    public static final int EXP_HI_WORDS = 256, EXP_LO_WORDS = 64;

    /** Block RAM one exp unit's tables take on {@code kind}. */
    public static int expUnitBlocks(dev.bramble.device.BlockRamKind kind) {
        return kind.blocksFor(EXP_HI_WORDS, 16) + kind.blocksFor(EXP_LO_WORDS, 16);
    }

    /** Block RAM the exp units' tables take (0 unless the plan puts them there). */
    public int expBlocks() {
        if (!expInBlockRam || device == null) return 0;
        return expUnits(program) * expUnitBlocks(device.family().blockRam());
    }

    /** Units of the part's large RAM (Device.largeRam) the plan takes: the memories it puts there. */
    public int largeRamUnits() {
        if (device == null || device.largeRam() == null) return 0;
        int units = 0;
        int[] sums = samplerSums(model);
        if (sums != null && this.sums == Placement.LARGE_RAM) units += device.largeRam().unitsFor(sums[0], sums[1]);
        int[] store = logitStore(program);
        if (store != null && logits == Placement.LARGE_RAM) units += device.largeRam().unitsFor(store[0], store[1]);
        return units;
    }

    /** A logit's bits (docs/numerics.md: the logits are saturated to 32 bits). */
    public static final int LOGIT_BITS = 32;

    /** Block RAM the logit store takes (0 unless the plan puts it there). */
    public int logitBlocks() {
        int[] store = logitStore(program);
        if (store == null || logits != Placement.BLOCK_RAM || device == null) return 0;
        return device.family().blockRam().blocksFor(store[0], store[1], true);
    }
}
