package dev.bramble.estimate;

import dev.bramble.device.DspRules;
import dev.bramble.device.DspKind;
import dev.bramble.device.Family;
import dev.bramble.numerics.FixedMath;
import dev.bramble.lang.model.Activation;
import dev.bramble.lang.model.ArgmaxLayer;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.ResidualLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.NormLayer;
import dev.bramble.lang.model.SampleLayer;
import dev.bramble.plan.KvCache;
import dev.bramble.plan.Multiplier;
import dev.bramble.plan.MultiplierInventory;
import dev.bramble.plan.Planner;
import dev.bramble.plan.Placement;
import dev.bramble.plan.Plan;
import dev.bramble.plan.RomBank;
import dev.bramble.plan.ScratchMemory;

import java.util.Map;

/**
 * Logic and flip-flops of the emitted core, unit by unit (FINN-style: each unit's cost is a
 * formula in its own widths, next to the unit it describes). Logic is first counted in
 * <em>bit-operations</em>: one per bit of an adder, comparator, 2:1 multiplexer stage or table
 * output slice — roughly one iCE40 LUT4 each — then converted to the family's logic unit by
 * one factor per unit, fitted on Yosys 0.23 runs of the emitted microGPT and digits
 * (docs/estimation.md "Logic"). Flip-flops are counted exactly from the registers the RTL
 * declares.
 */
final class LogicModel {
    private LogicModel() {}

    /**
     * Logic cells per bit-operation, by family, for the two kinds of logic that map differently:
     * wide multiplexers ({@code mux}: the activation registers' read and write selects, which a
     * LUT6 or an ALM packs four inputs at a time) and everything else ({@code arith}: adders,
     * comparators, shifters, tables). Ratios of what Yosys 0.23 maps the same emitted cores to
     * (docs/estimation.md "Logic" lists the runs).
     */
    // Refitted for the scratch-memory core on the whole-design Yosys 0.23 runs of commit 2739713
    // (WholeDesignSynthesisTest, logic beside the LUT RAM cells): Cyclone V arith 0.82 -> 0.64
    // on microGPT at 1 lane (8,224 ALM mapped against 11,063 modelled at 0.82), ECP5 arith
    // 1.22 -> 1.55 on microGPT at 16 lanes (33,157 LUT4 against 26,046 at 1.22). xc7 (-4 %),
    // iCE40 (-10 %) and Gowin (-6 %) kept theirs. After the saturations, the shared norm shifters
    // and logit_max (-Pslow run on fc61e21, 6 Dec 18:00 UTC): ECP5 arith 1.55 -> 1.33 on
    // microGPT at 16 lanes (23,911 LUT4 mapped on the LFE5U-85F against 26,106 modelled at 1.55;
    // with the sampler's target on the lanes, bramble synth on the LFE5U-25F: 22,350 against
    // 24,459 at 1.45).
    // Cyclone V 0.49 / 0.64 -> 0.43 / 0.56 (7 Dec, seventh stop): bramble synth now leaves the
    // block ROMs to M10K as Quartus does (YosysSynthesis.ROMS_TO_THE_VENDOR), and the fit was
    // made with them in ALMs; 0.87 of the old factors, the geometric mean of microGPT at 1, 2, 4,
    // 8, 16 and 32 lanes on 503d8f9 (2,174 / 2,680, 3,122 / 3,974, 3,982 / 5,387, 5,941 / 7,135,
    // 8,233 / 8,917, 15,569 / 12,989 ALM mapped / modelled at the old factors). Then 0.43 / 0.56 ->
    // 0.475 / 0.62 once the exp tables went to M10K and the four-port scratch memories to MLABs
    // (they had been flip-flops at 32 lanes): 1.105 x, the geometric mean of the same six runs
    // (2,163 / 2,065, 3,030 / 2,903, 3,699 / 3,552, 5,487 / 5,093, 7,864 / 6,677, 13,022 / 10,321).
    // Then 0.41 / 0.53 after the per-unit refit of 7 Dec (ninth stop), which added units the
    // model had missed: microGPT at 1-32 lanes within 2 % (docs/estimation.md "Whole designs").
    // iCE40 was the reference (1.0 per bit-op) under Yosys's ABC; with the flow's ABC9 (7 Dec) the
    // same cores map to 0.96 of it — the geometric mean of six whole-design runs (microGPT on the
    // UP5K at 1, 2, 4, 8 and 16 lanes, digits at 4: 4,216 / 4,227, 7,364 / 8,432, 13,845 /
    // 13,894, 17,489 / 17,060, 21,749 / 19,495, 1,213 / 1,522 LUT4 mapped / modelled).
    // ECP5 1.36 / 1.33 -> 1.32 / 1.29 (8 Dec, thirteenth stop): 56 drawn designs (16 on the
    // LFE5U-85F, bench/drawn_designs.py) mapped by Yosys 0.23 on 3c292ea, with microGPT at 16
    // lanes, chars and names-gpt: 0.97 of the old factors leaves 2 of those 19 ECP5 designs
    // beyond 10 % (5 before; mean |error| 6.9 % -> 6.4 %) and names-gpt, the one estimated low,
    // at -9 %. The other families' best scales were within 2.5 % of 1 and did not cut their
    // count beyond 10 %, so they stay (docs/benchmarks.md, thirteenth stop).
    static double unitsPerBitOp(Family family, boolean mux) {
        return switch (family.id()) {
            case "ice40" -> 0.96;                      // SB_LUT4; the carry sits beside it (the reference family, see below)
            case "ecp5" -> mux ? 1.32 : 1.29;          // LUT4 + 2 per CCU2C; wide muxes are PFUMX/L6MUX trees of LUT4s (refitted on drawn designs: see below)
            case "gowin" -> mux ? 1.1 : 1.1;           // LUT1..4 + ALU
            case "xc7" -> mux ? 0.78 : 0.68;           // LUT6 (CARRY4 and MUXF7/8 beside them)
            case "cyclonev" -> mux ? 0.41 : 0.53;     // ALM: an ALUT6, or two smaller ALUTs, or two arithmetic bits (refitted with the ROMs out: see below)
            default -> switch (family.logicUnit()) {
                case "LUT6" -> mux ? 0.78 : 0.68;
                case "ALM" -> mux ? 0.49 : 0.82;
                default -> 1.1;
            };
        };
    }

    static int logic(Plan plan, Family family) {
        double total = lutRamUnits(plan, family);
        for (Map.Entry<String, Double> e : breakdown(plan, family.dsp()).entrySet()) {
            double factor = e.getKey().equals(GELU_TABLES) ? romUnitsPerBitOp(family) : unitsPerBitOp(family, e.getKey().equals(ACTIVATION));
            total += factor * e.getValue();
        }
        return (int) Math.round(total);
    }

    /**
     * Logic cells used as RAM, in the family's logic unit (the catalogue's LUT RAM figures): the
     * lanes' scratch memories, one copy per read port, the attention heads' score memories, and
     * the KV caches the plan puts in LUT RAM.
     */
    static double lutRamUnits(Plan plan, Family family) {
        if (family.lutRam() == null) return 0;
        double units = 0;
        if (plan.scratch().placement() == Placement.LUT_RAM) {
            int ports = scratchPortsRead(plan);
            units += plan.lanes() * family.lutRam().units(Math.max(1, plan.program().rows()), plan.activationBits(), ports);
        }
        for (KvCache kv : plan.kvCaches()) if (!kv.block()) units += family.lutRam().units(kv.rows(), kv.width(), 1);
        if (plan.scores() == Placement.LUT_RAM) {
            // each attention core's score memories: one per head lane, one read port (rtl-lib/attention_core.v)
            int context = Math.max(1, plan.schedule().context());
            for (dev.bramble.plan.AttentionCore core : plan.program().attentionCores()) {
                units += core.headLanes(plan.lanes()) * family.lutRam().units(core.scoreRows(context, plan.lanes()), dev.bramble.plan.AttentionCore.SCORE_BITS, 1);
            }
        }
        // the sampler's stored running sums: V - 1 words of 17 + log2 V bits, one read port
        int[] sums = Plan.samplerSums(plan.model());
        if (sums != null && plan.sums() == Placement.LUT_RAM) units += family.lutRam().units(sums[0], sums[1], 1);
        // the logit store: V words of 32 bits, one read port
        int[] logits = Plan.logitStore(plan.program());
        if (logits != null && plan.logits() == Placement.LUT_RAM) units += family.lutRam().units(logits[0], logits[1], 1);
        if (Boolean.getBoolean("bramble.logic.breakdown")) System.err.println("LUT RAM units: " + units);
        return units;
    }

    static int scratchPortsRead(Plan plan) {
        return plan.scratch().portsRead();
    }

    static int columnSplits(Plan plan) {
        return ScratchMemory.columnSplits(plan.model(), plan.lanes());
    }

    /** The part of {@link #logic} that builds multipliers in logic on a part without DSP blocks (0 on any other). */
    static int softMultiplierLogic(Plan plan, Family family) {
        Double ops = breakdown(plan, family.dsp()).get(SOFT_MULTIPLIERS);
        return ops == null ? 0 : (int) Math.round(unitsPerBitOp(family, false) * ops);
    }

    static final String SOFT_MULTIPLIERS = "soft multipliers";

    /**
     * Bit-operations (SB_LUT4 on iCE40) per partial-product bit of a multiplier built in logic on a
     * part without DSP blocks: Yosys 0.23 {@code synth_ice40} (no -dsp) on lone multipliers took
     * 2.26 (5x24 signed), 2.58 (16x16), 2.60 (18x21), 2.72 (9x24 signed), 2.84 (8x8 signed) and
     * 2.90 (17x24 signed) SB_LUT4 per bit.
     */
    static final double SOFT_BIT_OPS_PER_PRODUCT_BIT = 2.75;

    static final String ACTIVATION = "activation registers";

    static final String GELU_TABLES = "gelu tables";
    /** fx_gelu's ROM in iCE40 bit-operations (SB_LUT4 / 0.96, interpolation apart): one table, both forms' tables. */
    static final double GELU_ONE_TABLE = 750, GELU_TWO_TABLES = 1300;

    /**
     * Logic cells per bit-operation of a ROM in logic (the GELU table), by family: a LUT6 or an
     * ALM holds four times the words a LUT4 does, which the arithmetic factors do not say.
     * Yosys 0.23 on fx_gelu alone (one table / both, interpolation included): iCE40 779 / 1,304
     * SB_LUT4, ECP5 716 / 1,473 LUT4, xc7 330 / 369 LUT6, Cyclone V 288 / 489 ALM — against 812 /
     * 1,358 bit-operations. Gowin not measured: taken as iCE40's (LUT4 with MUX2 trees).
     */
    static double romUnitsPerBitOp(Family family) {
        return switch (family.id()) {
            case "ice40" -> 0.96;
            case "ecp5" -> 0.95;
            case "xc7", "xcup" -> 0.35;
            case "cyclonev" -> 0.36;
            default -> switch (family.logicUnit()) {
                case "LUT6" -> 0.35;
                case "ALM" -> 0.36;
                default -> 0.96;
            };
        };
    }

    /** Every unit of the core, in bit-operations. */
    static double bitOps(Plan plan, DspKind dsp) {
        return breakdown(plan, dsp).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Bit-operations by unit, in the order the core is described (docs/estimation.md shows one). */
    static Map<String, Double> breakdown(Plan plan, DspKind dsp) {
        Map<String, Double> parts = new java.util.LinkedHashMap<>();
        Model model = plan.model();
        int lanes = plan.lanes();
        int na = plan.activationBits();
        int rows = Math.max(1, plan.program().rows());
        int maxNorm = 0;
        int vocabulary = 0;
        boolean sampler = false;
        double temperature = 1;
        for (Layer l : model.flatLayers()) {
            if (l instanceof NormLayer n) maxNorm = Math.max(maxNorm, n.width());
            if (l instanceof SampleLayer s) { sampler = true; vocabulary = s.width(); temperature = s.temperature(); }
            if (l instanceof ArgmaxLayer a) vocabulary = a.width();
        }
        int splits = columnSplits(plan);
        // the GELU forms the core builds (fx_gelu: the tanh table, the erf table, or both)
        boolean geluErf = plan.program().hasActivation(Activation.GELU_ERF);
        boolean geluTanh = plan.program().hasActivation(Activation.GELU);
        boolean gelu = geluErf || geluTanh;

        // Activation rows in the lanes' scratch memories (rtl-lib/lane_scratch.v): each column
        // group's lane multiplexer for the broadcast operand and each lane's write-data select
        // (write-back, attention output, input). In flip-flops also a rows-input multiplexer per
        // read port and lane; in LUT RAM the memories are counted in the family's unit
        // (lutRamUnits); in block RAM they are blocks.
        int ports = scratchPortsRead(plan);
        boolean attention = has(model, AttentionLayer.class);
        double scratch = splits * na * (lanes - 1.0) + lanes * na * (attention ? 1.0 : 0.5);
        if (plan.scratch().placement() == Placement.REGISTERS) scratch += FIT_ROW_MUX * lanes * na * ports * (rows - 1) + (double) rows * lanes * 0.25;
        parts.put(ACTIVATION, FIT_ACTIVATION * scratch);

        // Lanes: accumulator (its restart gate), the write-back's rounding (an adder of the bits
        // kept, ACCW - FW + 1) and saturations (a sign-run reduction each, a third of a bit-op per
        // bit tested), activation, the 32-bit logit path, the write-data select, and one
        // saturating adder for the old word plus an embedding's, a residual's or an Add step's
        // word, with the embedding's scale where the model has one (synthesis removes a path no
        // step selects). ACCW as the plan sizes it.
        int accw = plan.program().accumulatorWidth();
        int psw = accw + FixedMath.ceilLog2(splits) + 1;
        int kept = psw - plan.model().weightFormat().fracBits() + 1;
        // the logit path selects between the saturated sum and the activation only where the
        // plan's logits linears use both (matvec_engine.v ZMODE)
        boolean actLogits = plan.program().ops().stream().anyMatch(o -> o instanceof dev.bramble.plan.CoreOp.Linear lin && lin.logits() && !lin.sat32());
        double lane = 2.0 * accw + kept + (kept - na) / 3.0 + Math.max(0, kept - 32) / 3.0 + na + (actLogits ? 32 : 0) + 1.5 * na
                + (na + 1) + na / 3.0 + na;
        if (has(model, EmbeddingLayer.class)) lane += (na + 1) + na / 3.0;
        // layers with weight formats of their own (matvec_engine VARFW): the write-back's shift by
        // the pass's fraction bits past the least, ceil(log2(span + 1)) mux stages over the bits
        // kept, and what follows it (the rounding's add and the saturation then see a variable
        // word): FIT_VARFW times that
        java.util.SortedSet<Integer> fracs = plan.program().linearWeightFracs();
        if (fracs.size() > 1) {
            int least = fracs.first();
            lane += FIT_VARFW * ((psw - least + 1.0) * FixedMath.ceilLog2(fracs.last() - least + 1) + (least == 0 ? psw : 0));
        }
        // fx_gelu's interpolation, its six rows of 11-bit steps added in logic (no DSP cell: +36
        // SB_LUT4 on fx_gelu alone, Yosys 0.23 iCE40, q6.10), and the rounding; its table ROM below
        if (gelu) lane += 120;
        if (maxNorm > 0) lane += (na + 1) + MultiplierInventory.normGainWidth(maxNorm);   // x - mean, operand select
        parts.put("lanes", FIT_LANES * lanes * lane);
        // fx_gelu's table, a ROM in logic read at two entries (the interpolation's ends) in every
        // lane: 257 words of 16 bits, or both forms' 514 behind a select where the model has both
        // (one table when every GELU is the erf form: fx_gelu ERF 2). In iCE40 bit-operations, as
        // Yosys 0.23 maps fx_gelu alone (q7.9, interpolation included): one table 779 SB_LUT4, both
        // 1,304; other families by romUnitsPerBitOp.
        if (gelu) parts.put(GELU_TABLES, lanes * (geluErf && geluTanh ? GELU_TWO_TABLES : GELU_ONE_TABLE));
        if (maxNorm > 0) {
            // the norm's rounding shifters (rtl-lib/norm_unit.v): Timing.normShare lanes share one;
            // each selects its lane's product, shifts a window of NA+2 bits out of it, tests the
            // rest against a shared mask and saturates
            int share = dev.bramble.plan.Timing.normShare(lanes);
            int shifters = (lanes + share - 1) / share;
            int pw = Math.max(MultiplierInventory.normGainWidth(maxNorm), na + 1) + na + 1;
            int shiftStages = FixedMath.ceilLog2(15 + MultiplierInventory.normSumWidth(na, maxNorm) / 2);
            double shifter = (share - 1.0) * pw + pw * shiftStages + pw / 2.0 + (na + 3) + na;
            parts.put("norm shifters", FIT_LANES * shifters * shifter);
        }

        // Norm unit: the sums over the lanes, rsqrt (leading one, mantissa shift), gain.
        if (maxNorm > 0) {
            int ssw = MultiplierInventory.normSumWidth(na, maxNorm);
            // the gain by √n and LayerNorm's mean by 2^24/n where every norm has one constant: a
            // shift, or shifts and adds (fx_cmul.v: an adder of the product's width a non-zero digit past the first)
            long sqrtK = MultiplierInventory.normSqrtConstant(model), recipK = MultiplierInventory.normRecipConstant(model);
            double constants = (sqrtK < 0 ? 0 : FixedMath.shiftAddAdders(sqrtK) * (19.0 + MultiplierInventory.sqrtConstantBits(model)))
                    + (recipK < 0 ? 0 : FixedMath.shiftAddAdders(recipK) * (ssw + 1.0 + MultiplierInventory.reciprocalConstantBits(model)));
            parts.put("norm unit", FIT_LANES * (lanes * (ssw + NORM_PER_LANE) + 6.0 * ssw + 16 * 12 + 100 + (hasLayerNorm(model) ? lanes * ssw + 64 : 0))
                    + constants);
        }
        // The scalar unit's seed table (Plan.seedTable): in block RAM only its address select; in
        // logic a ROM, about a LUT4 per 16 words and bit and half as much again for the select
        // tree (Yosys 0.23 synth_ice40 -abc9, microGPT at one lane on the UP5K: 4,216 LUT4 with
        // the table in logic, 3,920 with it in one SB_RAM40_4K).
        int[] seeds = dev.bramble.plan.Plan.seedTable(plan.program());
        if (seeds != null) parts.put("seed table", plan.seedsInBlockRam() ? 8.0 : seeds[0] * seeds[1] / 16.0 * 1.5 + seeds[1]);

        // Logit registers: 32 flip-flops each (counted with the flip-flops), written straight from
        // their row lane's word through the flip-flops' own clock enable (every family here has
        // one): the logic is one write enable per logit (its pass and its lane's write). Counted
        // as 32 bit-operations a logit until the whole-design runs on de63449, which put the
        // estimate 25 % over Yosys on a 65-token model (docs/benchmarks.md, fourth stop).
        // In a memory (Plan.logitStore) the logits take one write enable and no select; written by
        // R > 1 row lanes, the hold of lanes 1..R-1's words (TopWriter.writeLogitHold): one select
        // of a held word that the drain and the sampler share, the write word's select and the
        // index compares — 1.5 bit-operations a held bit, fitted on the hold alone at R = 16
        // (Yosys 0.23: 731 LUT4 on iCE40, 1,062 on ECP5, 542 LUT6 on xc7, 32 of each the test's
        // own glue; with a select each for the drain and the sampler 1,226, 2,253 and 1,152).
        boolean logitRegisters = plan.logits() == Placement.REGISTERS;
        int heldWords = dev.bramble.plan.Plan.heldLogits(plan.program(), plan.logits());
        int indexBits = vocabulary > 1 ? FixedMath.ceilLog2(vocabulary) : 1;
        parts.put("logit registers", logitRegisters ? (double) vocabulary : heldWords > 0 ? 32.0 * (1.5 * heldWords + 1) + 4.0 * indexBits : 1.0);

        // Attention cores, one per shape of attention layer (dev.bramble.plan.AttentionCore).
        int context = Math.max(1, plan.schedule().context());
        for (dev.bramble.plan.AttentionCore core : plan.program().attentionCores()) {
            AttentionLayer a = core.shape();
            AttentionWidths c = AttentionWidths.of(a, context, na);
            int chunks = dev.bramble.plan.Timing.attentionChunks(c.width(), lanes);
            int held = Math.min(lanes, c.width());
            int hd = Math.max(1, c.width() / c.heads());
            int rw = MultiplierInventory.attentionScoreWidth(na, hd);
            // per element: its product's chunk gate (none with one chunk); per lane: rounding of its
            // accumulator (an adder of the bits kept) and saturation (a sign run) — the weighted sums
            // accumulate in the lanes' own accumulators
            boolean oneSum = dev.bramble.plan.AttentionScale.oneRunningSum(c.width(), c.heads(), lanes);
            double element = (chunks > 1 && !oneSum ? rw : 0) + (double) held / c.width() * ((c.aw() - 13) + na / 3.0 + na);
            // scale units (dev.bramble.plan.AttentionScale): the scale's rounding and saturation (a sign
            // run), with fewer units than heads a select of the raw score by chunk, and where hd is
            // not a power of four the product by 1/sqrt(hd) in shifts and adds (fx_cmul.v)
            int units = dev.bramble.plan.AttentionScale.units(c.width(), c.heads(), lanes);
            double scale = units * ((rw + 18) + (rw - 13) / 3.0 + (units < c.heads() ? (double) rw * (c.heads() / units - 1) : 0)
                    + dev.bramble.plan.AttentionScale.scaleAdders(hd) * (rw + 17.0));
            // score sums: per head its elements', or one running sum of the lanes' products (its
            // adder tree, accumulator and restart gate) shared by every head
            double scoreSum = oneSum ? (lanes + 1.0) * rw / c.heads() : (hd - 1) * rw;
            double head = scoreSum + scale / c.heads()                     // score sum, its share of the scale units
                    + 64 + (17 + c.lctx());                        // running max, sum of e
            // the reciprocal (the core's scalar unit, one for every attention core: counted with the
            // first; its seed table apart, above) and this core's sum select into it
            boolean first = core == plan.program().attentionCores().get(0);
            if (first) parts.put(SCALAR_UNIT, maxNorm > 0 ? SCALAR_NEWTON : FIT_RECIP * (2 * (17 + c.lctx()) + 16 * 5 + 60));
            head += 17.0 + c.lctx();
            // per head lane (AttentionCore.headLanes): its score memory's write select and read mux
            // in flip-flops, the exp unit and the weight's rounding by p, and with more heads than
            // lanes a select of its heads' max, y and p by head chunk
            int headLanes = core.headLanes(lanes), scoreRows = core.scoreRows(context, lanes);
            int headChunks = (c.heads() + lanes - 1) / lanes;
            double headLane = expUnit(plan) + weightShift(c.lctx())
                    + (plan.scores() == Placement.REGISTERS ? scoreRows * 32 * 0.5 + 32 * scoreRows / 3.0 : 0)
                    + (headChunks - 1) * (32 + 18 + 7.0);
            parts.merge("attention", FIT_ATTENTION * (c.width() * element + c.heads() * head + headLanes * headLane + 100), Double::sum);
            for (KvCache kv : plan.kvCaches()) {
                // a cache in flip-flops (a family without LUT RAM) reads through a context-input mux; LUT RAM reads itself
                boolean flipFlops = !kv.block() && plan.device() != null && !plan.device().family().distributedRam();
                if (kv.layer().equals(core.layers().get(0)) && flipFlops) parts.merge("attention", kv.width() * (kv.rows() / 3.0 + 1), Double::sum);
            }
        }

        // Output unit: the sampler (rtl-lib/sampler.v: max chain; one logit per clock through the
        // V-way logit select, d, 1/T rounding and one exp unit; one running-sum adder; the stored
        // sums' write enables and read select; one comparator and the search's index logic; the
        // generator) or argmax (one comparison tree).
        if (sampler) {
            int lv = vocabulary > 1 ? FixedMath.ceilLog2(vocabulary) : 1;
            int cw = 17 + lv;
            // the stored sums: flip-flops behind a write select and a read select, or LUT RAM
            // (lutRamUnits) or block RAM, where the plan puts them
            double sums = plan.sums() == Placement.REGISTERS ? (vocabulary - 1) * (cw + 1.0) : 0;
            // the target r*C on TL lanes (MultiplierInventory.samplerTargetLanes): each lane's
            // operand select, the partial products shifted and added, and with fewer than four
            // lanes an accumulator over the target clocks and the shift's select by clock (at one
            // lane on iCE40 Yosys maps 274 LUT4 more than with a 32 x CW multiplier of its own);
            // its own 16 x half multiplier makes the partials as one lane does (sampler.v g_horner)
            int tl = MultiplierInventory.samplerTargetLanes(model, lanes);
            int ch = MultiplierInventory.samplerTargetHalf(vocabulary);
            if (tl == 0 && MultiplierInventory.samplerTargetSerial(vocabulary)) tl = 1;
            double target = tl == 0 ? 0 : tl * (17.0 + ch + 1) + (cw + 32.0) * (tl + (tl < 4 ? 2 : 0));
            // the logit read: flip-flops through a V-way select, a memory through its read port
            double logitRead = logitRegisters ? 32.0 * (vocabulary - 1) : 0;
            // the exp: its own unit, or its rounding and the select into the tables attention lends
            double exp = plan.program().sharesExpTables() ? EXP_UNIT - EXP_TABLES + 33 : expUnit(plan);
            // d x 1/T in shifts and adds (fx_cmul.v): an adder of (Fa + 9) + 26 bits a non-zero
            // digit of 1/T's constant past the first (none for T = 2^k, a shift)
            int tAdders = FixedMath.shiftAddAdders(FixedMath.inverseTemperature(temperature));
            double inverseT = tAdders * (plan.model().activationFormat().fracBits() + 9.0 + 26);
            parts.put("sampler", FIT_SAMPLER * (logitRead + 33 + 45 + exp + cw + sums + cw + 4.0 * lv + 64 + target + inverseT));
            // the logits' maximum (rtl-lib/logit_max.v): a tournament over the row lanes that write
            // logits, and one comparison with the running maximum
            parts.put("logit max", Math.min(lanes, vocabulary) * 66.0);
        } else if (vocabulary > 0) {
            // a comparison and a select per logit, over the bits a logit can carry: the write-back
            // keeps `kept` bits of the sum (the rest are its sign, which synthesis folds). The
            // root's value is never read (only its index), so its value select folds away: digits
            // on the UP5K maps the tree to 419 LUT4 (flattened, the tree a black box or not),
            // 467 by this count, 492 with the root's select
            int logitBits = Math.min(32, kept);
            parts.put("argmax", (vocabulary - 1) * (2.0 * logitBits + 5) - (vocabulary > 1 ? logitBits : 0));
        }

        // Distributed ROM banks (block RAM costs no logic).
        for (RomBank bank : plan.banks()) {
            if (!bank.block()) parts.merge("distributed ROM", Math.ceil(bank.depth() / 16.0) * bank.width(), Double::sum);
        }

        // Multipliers beyond one DSP cell: partial products are added in logic (half an adder
        // bit per product bit per extra cell, as mul2dsp's adder tree maps). A part without DSP
        // blocks builds every multiplier in logic instead.
        if (plan.device() != null && !plan.device().hasDsp()) {
            if (!plan.multipliers().isEmpty()) parts.put(SOFT_MULTIPLIERS, SOFT_BIT_OPS_PER_PRODUCT_BIT * softMultiplierBitOps(plan));
        } else {
            for (Multiplier m : plan.multipliers()) parts.merge("multiplier glue", FIT_GLUE * m.count() * glue(dsp, m), Double::sum);
            // a lane's low bits of b multiplied in logic (LaneWidths.softLowBits): a row of a per bit,
            // and the join into the DSP cell's product (half an adder bit per product bit, as above)
            dev.bramble.plan.LaneWidths widths = plan.lane();
            if (widths.softLowBits() > 0) {
                parts.merge("multiplier glue", FIT_GLUE * lanes * (widths.softLowBits() * widths.a() + 0.5 * (widths.a() + widths.b())), Double::sum);
            }
        }

        // Sequencer: op table, counters, handshake.
        parts.put("sequencer", 300 + 20.0 * plan.schedule().steps().size());
        if (plan.scratchReadAhead()) parts.put(READ_AHEAD, readAhead(plan));
        // The top's glue a lane: the select of the unit that borrows the lane's multiplier (the
        // norms, attention, the affine op, the sampler's target on its lanes: a 2:1 stage of the
        // lane's operands per lender past the first), a norm's learned vectors (the rounding of
        // y·g and the bias's rescale, each a case over the norms' Fg, the add and the saturation),
        // and with attention the scratch memories' address, write-data and write-enable selects
        // that let attention read and write the rows.
        boolean affine = plan.program().ops().stream().anyMatch(o -> o instanceof dev.bramble.plan.CoreOp.Affine);
        int lenders = (maxNorm > 0 ? 1 : 0) + (attention ? 1 : 0) + (affine ? 1 : 0);
        int targetLanes = MultiplierInventory.samplerTargetLanes(model, lanes);
        double lentStages = lanes * Math.max(0, lenders - 1.0) + (lenders > 0 ? targetLanes : 0);
        // a tied head's lanes multiply their own words (TopWriter.writeBroadcast: the column's
        // index, its bound, the word's gate, a tied bias's constant and the select against the
        // broadcast word), past the first lane, whose operand path is the broadcast one
        boolean ownWords = plan.program().ops().stream().anyMatch(o -> o instanceof dev.bramble.plan.CoreOp.Linear lin && lin.laneOperands());
        parts.put(TOP_GLUE, lentStages * (plan.lane().a() + plan.lane().b()) + lanes * ((attention ? TOP_PER_LANE : 0) + affineLane(plan))
                + (ownWords ? TIED_HEAD_PER_LANE * (lanes - 1) : 0));
        if (Boolean.getBoolean("bramble.logic.breakdown")) System.err.println("logic bit-operations by unit: " + parts);
        return parts;
    }

    /**
     * A head's softmax weight π = rnd(e·y, 15 + q) (rtl-lib/attention_core.v): q ≤ lctx + 1, so
     * a shifter of ⌈log2(lctx + 2)⌉ stages over the product's 21 bits above the constant 14,
     * then an adder of the 18 bits kept.
     */
    static double weightShift(int lctx) {
        return 21.0 * FixedMath.ceilLog2(lctx + 2) + 19;
    }

    // Fitted on iCE40 (synth_ice40 -dsp: one SB_LUT4 ~ one bit-operation) by unit: the whole
    // microGPT and digits cores and attention_core / sampler alone (docs/estimation.md "Logic").
    // The sampler's V-way selects (logit, stored sums) count one 2:1 stage per input per bit.
    static final double FIT_ACTIVATION = 0.96;
    /**
     * A flip-flop scratch memory's row multiplexer per read port: SB_LUT4 per (rows − 1)·bit.
     * 0.76 from digits' lane_scratch on an older core; 1.04 since the per-unit refit of 7 Dec,
     * from microGPT's and names-gpt's at four lanes on the UP5K (Yosys 0.23 -abc9 -noflatten:
     * 4,536 and 4,528 SB_LUT4 for the four lanes' memories).
     */
    static final double FIT_ROW_MUX = 1.04;
    static final double FIT_LANES = 0.64;
    // Attention, refitted per unit on 7 Dec (its scalar unit now counted apart, SCALAR_NEWTON):
    // attention_core with its exp tables mapped 0.71-0.77 of the model at the old 1.27 in
    // microGPT at 1, 2 and 4 lanes and names-gpt at 1 and 4 on the UP5K (Yosys 0.23 synth_ice40
    // -abc9 -noflatten: 1,128 and 4,791 SB_LUT4 for microGPT at 1 and 4 lanes).
    static final double FIT_ATTENTION = 0.95;
    /** The reciprocal alone (fx_recip.v: attention without a norm), as fitted with attention before (1.27). */
    static final double FIT_RECIP = 1.27;
    static final String SCALAR_UNIT = "scalar unit";
    /**
     * fx_newton.v (a norm and attention: rsqrt and reciprocal in one unit, its seed normalisers and
     * the three multipliers' glue): 584 SB_LUT4 in microGPT and names-gpt alike (Yosys 0.23
     * synth_ice40 -abc9 -noflatten), in bit-operations.
     */
    static final double SCALAR_NEWTON = 608;
    /** norm_unit.v a lane beyond its sum of squares' adder (the operand selects, the statistics' gates), in bit-operations. */
    static final double NORM_PER_LANE = 160;
    static final String TOP_GLUE = "top glue";
    /** With attention, the scratch memories' address, write-data and write-enable selects a lane, in the top. */
    static final double TOP_PER_LANE = 60;
    /**
     * A norm's learned vectors a lane (TopWriter.writeAffineLane), in bit-operations: per gain
     * format Fg the rounding of y·g (an adder of AFW bits) and its select against y, the bias's
     * add where some norm has a bias; a select over the formats; the saturation (a sign run) and
     * the write-data input. It was a constant 250 fitted on names-gpt (16-bit words and
     * activations, two gain formats, gains and biases: this counts 265 there), which counted a
     * 12-bit core's one-format gains (73 here) three times over: a drawn design (8 lanes, ECP5)
     * was estimated 35 % over (docs/benchmarks.md, twelfth stop).
     */
    static double affineLane(Plan plan) {
        java.util.SortedSet<Integer> fgs = plan.program().affineWeightFracs();
        if (fgs.isEmpty()) return 0;
        boolean gain = false, bias = false;
        for (dev.bramble.plan.CoreOp o : plan.program().ops()) {
            if (o instanceof dev.bramble.plan.CoreOp.Affine a) { gain |= a.gain(); bias |= a.bias(); }
        }
        int afw = dev.bramble.plan.CoreOp.Affine.sumWidth(MultiplierInventory.weightBits(plan.model()), plan.activationBits(),
                plan.model().activationFormat().fracBits(), fgs.first());
        double perFormat = (gain ? 2.0 * afw : afw) + (bias ? afw : 0);
        return fgs.size() * perFormat + (fgs.size() - 1) * afw + afw / 3.0 + plan.activationBits();
    }
    /**
     * The variable write-back shift's logic against its mux stages (matvec_engine VARFW):
     * names-gpt with and without per-layer weight formats mapped 85 / 361 LUT4 apart on the
     * UP5K at 1 / 4 lanes and 629 on the LFE5U-25F at 4, 2.4 / 2.5 / 3.2 times the stages.
     */
    static final double FIT_VARFW = 2.5;
    /**
     * A tied head's own-word operand a lane past the first. Fitted on names-gpt with its head
     * tied and untied (random weights, flattened Yosys 0.23): on the UP5K the tied head mapped 47
     * LUT4 below the untied one at one lane and 447 above the model's difference at four; on the
     * LFE5U-25F at four lanes it was 800 above (this term gives 600 there). It was not counted
     * before (docs/estimation.md "Whole designs").
     */
    static final double TIED_HEAD_PER_LANE = 150;
    /** Fitted on the serial sampler alone (synth_ice40 -dsp, V = 27, Fa = 12: 3,869 SB_LUT4 against 3,790 bit-operations). */
    static final double FIT_SAMPLER = 1.02;
    static final double FIT_GLUE = 1.24;

    /** An exp unit's tables (fx_exp_tables): 256- and 64-entry 16-bit tables and the clamp. */
    static final double EXP_TABLES = 16 * 21 + 16 * 5 + 34;
    /** An exp unit (fx_exp_neg): its tables and the rounding. */
    static final double EXP_UNIT = EXP_TABLES + 40;

    /** An exp unit as the plan places its tables: in block RAM only the clamp and the rounding stay logic. */
    static double expUnit(Plan plan) {
        return plan.expInBlockRam() ? EXP_UNIT - EXP_TABLES + 34 : EXP_UNIT;
    }

    /** Logic around one multiplier: the adders joining its DSP cells (none when it fits one cell). */
    static double glue(DspKind dsp, Multiplier m) {
        Map<String, Integer> cells = DspRules.cells(dsp, m.a(), m.b(), m.signed(), 1);
        int n = cells.values().stream().mapToInt(Integer::intValue).sum();
        if (n == 0 || dsp.rule().equals("gowin")) return 0;   // left in logic (softMultiplierBitOps), or the vendor's DSP joins them
        boolean sliced = dsp.rule().equals("yosys-mul2dsp") && n == 1 && (m.a() > dsp.aMax() || m.b() > dsp.bMax());
        return 0.5 * (n - 1) * (m.a() + m.b()) + (sliced ? m.a() + m.b() : 0);   // a sliced-off bit is a soft row plus an adder
    }

    /**
     * Logic cells per partial-product bit of a multiplier Yosys 0.23 leaves in logic (Gowin): its
     * soft multipliers are array multipliers built from LUT4s and MUX2_LUT5..8 trees, not one
     * cell per bit. Refitted on the lane-shared core (7 Dec 2026; it was 8.45, fitted on the
     * first core's 191 multipliers): microGPT on the Tang Nano 9K at one and two lanes, 20,171
     * and 25,720 LUT4 mapped against 4,870 and 6,603 of core logic plus 12,083 and 14,669 at
     * 8.45 (1.27 and 1.30 x that); held out, four and eight lanes map 32,869 and 54,004 against
     * 33,860 (+3 %) and 50,544 (−6 %).
     */
    static final double SOFT_MULTIPLIER_CELLS_PER_BIT = 10.86;

    /**
     * Partial-product bits ({@code a·b} per multiplier) of the multipliers Yosys leaves in logic:
     * all of them on Gowin, where the vendor's tools use DSP.
     */
    static double softMultiplierBitOps(Plan plan) {
        double ops = 0;
        for (Multiplier m : plan.multipliers()) ops += (double) m.count() * m.a() * m.b();
        return ops;
    }

    private static boolean has(Model model, Class<? extends Layer> kind) {
        for (Layer l : model.flatLayers()) if (kind.isInstance(l)) return true;
        return false;
    }

    private static boolean hasLayerNorm(Model model) {
        for (Layer l : model.flatLayers()) if (l instanceof NormLayer n && n.normKind() == NormLayer.Kind.LAYERNORM) return true;
        return false;
    }

    /**
     * One attention core's sizes as the RTL declares them, shared by its logic and its flip-flops:
     * {@code lctx} bits index the context, {@code aw} is a value accumulator (Na + 17 + lctx).
     */
    private record AttentionWidths(int width, int heads, int lctx, int aw) {
        static AttentionWidths of(AttentionLayer a, int context, int na) {
            int lctx = context > 1 ? FixedMath.ceilLog2(context) : 1;
            return new AttentionWidths(a.attentionWidth(), a.heads(), lctx, na + 17 + lctx);
        }
    }

    /** Flip-flops: every register the RTL declares. */
    /** The unit {@link #readAhead} is listed as. */
    static final String READ_AHEAD = "read ahead";

    /**
     * The scratch memories read a clock ahead (Plan.scratchReadAhead, lane_scratch.v STYLE 3):
     * per lane and read port the select of the word written at the read's edge (a port's
     * comparator of the row addresses is the same in every lane), and the next clock's state —
     * the sequencer's next op, cycle and position, the op table decoded from them, the read
     * addresses formed again from it — about 60 bit-operations and 11 an op. Fitted on Yosys 0.23
     * runs of the same designs at 6 and 20 MHz (read on the falling edge, then ahead): microGPT
     * at one lane on the UP5K +231 LUT4 (this count: 253 bit-ops), the kitchen design at three
     * lanes +463 (470).
     */
    static double readAhead(Plan plan) {
        int ports = scratchPortsRead(plan);
        int rw = FixedMath.ceilLog2(Math.max(1, plan.program().rows()) + 2);
        return (double) plan.lanes() * ports * plan.activationBits() + ports * (rw / 2.0 + 2)
                + 60 + 11.0 * plan.program().sequencedOps().size();
    }

    /** {@link #readAhead} in the family's logic unit: the part of the logic figure the read ahead is. */
    static int readAheadLogic(Plan plan, Family family) {
        return (int) Math.round(readAhead(plan) * unitsPerBitOp(family, false));
    }

    static int flipFlops(Plan plan) {
        Model model = plan.model();
        int lanes = plan.lanes();
        int na = plan.activationBits();
        int maxNorm = 0;
        int vocabulary = 0;
        boolean sampler = false;
        for (Layer l : model.flatLayers()) {
            if (l instanceof NormLayer n) maxNorm = Math.max(maxNorm, n.width());
            if (l instanceof SampleLayer s) { sampler = true; vocabulary = s.width(); }
            if (l instanceof ArgmaxLayer a) vocabulary = a.width();
        }
        long ff = plan.scratch().placement() == Placement.REGISTERS ? (long) plan.program().rows() * lanes * na : 0;   // activation rows in flip-flops
        ff += (long) lanes * plan.program().accumulatorWidth();                  // accumulators
        ff += 2L * na + 80;                                                      // operand registers, pipeline, sequencer
        // read ahead: per lane the word written at the read's edge, per lane and port whether it
        // is the row read; the decoded op's fields and this clock's rows (microGPT at one lane
        // +83, the kitchen design at three +124 by Yosys)
        if (plan.scratchReadAhead()) ff += (long) lanes * (na + scratchPortsRead(plan)) + 65;
        // the scalar unit's Newton step cut at h (h, y0, the exponent, the function: 44), where a
        // norm no longer keeps the answer in registers of its own (25): microGPT +18 by Yosys
        if (plan.scalarStages() == 2 && dev.bramble.plan.Plan.seedTable(plan.program()) != null) ff += 19;
        if (plan.logits() == Placement.REGISTERS) ff += vocabulary * 32L;        // logits (or a memory: Plan.logitStore)
        else {
            int held = dev.bramble.plan.Plan.heldLogits(plan.program(), plan.logits());  // ... and its hold of a pass's words
            if (held > 0) ff += 33L * held + 32 + 2L * (vocabulary > 1 ? FixedMath.ceilLog2(vocabulary) : 1) + 6;
        }
        // a norm: its sums, the rsqrt's Newton step cut at h (h, y0, e: fx_rsqrt.v, fx_newton.v),
        // the gain, its shift, the mean
        if (maxNorm > 0) ff += 2L * MultiplierInventory.normSumWidth(na, maxNorm) + 20 + 16 + 7 + MultiplierInventory.normGainWidth(maxNorm) + 9 + na + 1;
        // the scalar unit's table stage: the mantissa, the exponent, the function, and a ROM in
        // logic's output register
        if (dev.bramble.plan.Plan.seedTable(plan.program()) != null) ff += 16 + 7 + 1 + (plan.seedsInBlockRam() ? 0 : 16);
        int context = Math.max(1, plan.schedule().context());
        for (dev.bramble.plan.AttentionCore core : plan.program().attentionCores()) {
            AttentionWidths c = AttentionWidths.of(core.shape(), context, na);
            if (plan.scores() == Placement.REGISTERS) ff += (long) core.headLanes(lanes) * core.scoreRows(context, lanes) * 32;  // scores in flip-flops
            ff += c.heads() * (32 + 17 + c.lctx() + 18 + 7);                       // max, sum, y, p
            // per head lane its exp tables' read registers (in logic) and the E second stage's row
            ff += core.headLanes(lanes) * ((plan.expInBlockRam() ? 0 : 33) + 6L) + 8;
            ff += (long) Math.min(lanes, c.width()) * na;                          // the cache's read register (a row: a chunk)
            for (KvCache kv : plan.kvCaches()) {
                if (kv.layer().equals(core.layers().get(0)) && !kv.block() && plan.device() != null && !plan.device().family().distributedRam()) {
                    ff += kv.bits();                                               // a cache in flip-flops
                }
            }
        }
        if (sampler) {
            int cw = 17 + (vocabulary > 1 ? FixedMath.ceilLog2(vocabulary) : 1);
            int lv = vocabulary > 1 ? FixedMath.ceilLog2(vocabulary) : 1;
            ff += (plan.sums() == Placement.REGISTERS ? (vocabulary - 1L) * cw : 0)   // stored sums in flip-flops
                    + 32 + 32 + cw + cw + 32 + 3L * lv                          // logit read, max, running sum, target, rng, search
                    + (plan.program().sharesExpTables() || plan.expInBlockRam() ? 0 : 33);   // its own tables' read registers (in logic)

        } else if (vocabulary > 0) {
            ff += 8;
        }
        return (int) Math.min(Integer.MAX_VALUE, ff);
    }
}
