package dev.bramble.estimate;

import dev.bramble.device.DspRules;
import dev.bramble.device.BlockRamKind;
import dev.bramble.device.Device;
import dev.bramble.device.DspKind;
import dev.bramble.lang.model.Tensor;
import dev.bramble.plan.KvCache;
import dev.bramble.plan.Multiplier;
import dev.bramble.plan.Plan;
import dev.bramble.plan.Schedule;
import dev.bramble.plan.Step;
import dev.bramble.plan.StepKind;
import dev.bramble.plan.TensorLayout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a {@link Plan} and says what it costs on the plan's device. Pure and fast. */
public final class Estimator {
    private Estimator() {}

    /** Positions {@link Estimate#cyclesPerPosition()} lists at most. */
    public static final int LISTED_POSITIONS = 4096;
    /** The estimate row of the lanes' scratch memories when they take block RAM. */
    public static final String SCRATCH_ROW = "activations";

    public static Estimate estimate(Plan plan) {
        Device device = plan.device();
        BlockRamKind bramKind = device.family().blockRam();
        DspKind dspKind = device.family().dsp();
        int lanes = plan.lanes();
        int context = plan.schedule().context();

        Map<String, Row> rows = new LinkedHashMap<>();
        // Rows in execution order, from the schedule.
        for (Step s : plan.schedule().steps()) {
            if (s.kind() == StepKind.MV) {
                for (String tensor : s.tensors()) row(rows, layerOfTensor(plan, tensor), "linear");
            } else {
                row(rows, s.layer(), kindName(s.kind()));
            }
        }

        // Params and bits per tensor, charged to its layer.
        Map<String, Long> elementsByTensor = new LinkedHashMap<>();
        for (Tensor t : plan.model().tensors()) elementsByTensor.put(t.path(), t.elements());
        long params = 0;
        for (TensorLayout layout : plan.layouts()) {
            long n = elementsByTensor.getOrDefault(layout.tensor(), 0L);
            // a linear's bias is its layout's last column (a tied head's, depth 0, is a layout of its own, counted there)
            if (layout.bias() != null && layout.depthPerLane() > 0) n += elementsByTensor.getOrDefault(layout.bias(), 0L);
            Row r = row(rows, layout.layer(), layout.embedding() ? "embedding" : "linear");
            r.params += n;
            r.bits += n * plan.weightBits();
            r.roms += lanes;
            params += n;
        }

        // Block RAM: running total of each bank's blocks as tensors are appended. A tied head's
        // layout points back into its embedding's words (no words of its own): the bank ends
        // where the furthest layout ends, so it adds no block (and takes none back).
        int romBram = 0;
        if (plan.romInBlockRam()) {
            int before = 0;
            int end = 0;
            for (TensorLayout layout : plan.layouts()) {
                end = Math.max(end, layout.base() + layout.depthPerLane());
                int after = lanes * bramKind.blocksFor(end, plan.weightBits());
                row(rows, layout.layer(), "linear").bram += after - before;
                before = after;
            }
            romBram = before;
        }
        int kvBram = 0;
        for (KvCache kv : plan.kvCaches()) {
            if (!kv.block()) continue;
            int n = bramKind.blocksFor(kv.rows(), kv.width(), true);
            row(rows, kv.layer(), "attention").bram += n;
            kvBram += n;
        }

        // The lanes' scratch memories, when the plan puts them in block RAM (a family whose logic
        // cells cannot be RAM): a row of their own, as no layer owns the activation rows.
        int scratchBram = plan.scratch().blocks(bramKind);
        if (scratchBram > 0) row(rows, SCRATCH_ROW, "scratch").bram += scratchBram;
        // ... and the attention cores' score memories, charged to each core's first layer
        // ... and the sampler's stored sums and the logit store it reads, charged to its row
        int sampleBram = plan.sumBlocks() + plan.logitBlocks();
        if (sampleBram > 0) chargeSample(plan, rows, sampleBram);
        // ... and the scalar unit's seed table, charged to the first op that asks it (a norm or attention)
        int seedBram = plan.seedBlocks();
        if (seedBram > 0) {
            for (Step st : plan.schedule().steps()) {
                if (st.kind() == StepKind.NORM || st.kind() == StepKind.ATTENTION) {
                    row(rows, st.layer(), kindName(st.kind())).bram += seedBram;
                    break;
                }
            }
        }
        // ... and the exp units' tables: each attention core's head lanes' on its first layer, the
        // sampler's own on the sample row
        int expBram = plan.expBlocks();
        if (expBram > 0) {
            int unit = dev.bramble.plan.Plan.expUnitBlocks(bramKind);
            for (dev.bramble.plan.AttentionCore core : plan.program().attentionCores()) {
                row(rows, core.layers().get(0), "attention").bram += core.headLanes(lanes) * unit;
            }
            int sampler = dev.bramble.plan.Plan.samplerExpUnits(plan.program()) * unit;
            if (sampler > 0) chargeSample(plan, rows, sampler);
        }
        int scoreBram = plan.scoreBlocks();
        if (scoreBram > 0) {
            for (dev.bramble.plan.AttentionCore core : plan.program().attentionCores()) {
                row(rows, core.layers().get(0), "attention").bram
                        += dev.bramble.plan.AttentionCore.scoreBlocks(List.of(core), bramKind, context, lanes);
            }
        }

        // DSP: every multiplier by the family rule; a unit is charged to the first layer using it.
        // A part without DSP blocks builds them all in logic (LogicModel counts it): no DSP cells.
        Map<String, Integer> cells = new LinkedHashMap<>();
        for (Multiplier m : device.hasDsp() ? plan.multipliers() : List.<Multiplier>of()) {
            Map<String, Integer> c = DspRules.cells(dspKind, m.a(), m.b(), m.signed(), m.count());
            c.forEach((k, v) -> cells.merge(k, v, Integer::sum));
            Row owner = rows.get(ownerOf(plan, m.unit()));
            if (owner != null) owner.dspCells.add(c);
        }
        int dsp = DspRules.blocks(dspKind, cells);
        int charged = 0;
        List<Row> rowList = new ArrayList<>(rows.values());
        for (Row r : rowList) {
            Map<String, Integer> mine = new LinkedHashMap<>();
            for (Map<String, Integer> c : r.dspCells) c.forEach((k, v) -> mine.merge(k, v, Integer::sum));
            r.dsp = DspRules.blocks(dspKind, mine);
            charged += r.dsp;
        }
        // Packing (Cyclone V pairs 18×18 cells) can make per-row rounding exceed the total: the
        // last row with DSPs absorbs the difference so the column adds up.
        if (charged != dsp) {
            for (int i = rowList.size() - 1; i >= 0; i--) {
                if (rowList.get(i).dsp > 0) { rowList.get(i).dsp += dsp - charged; break; }
            }
        }

        // Cycles per op, charged to layers; a merged linear (q, k, v) splits its issue cycles by
        // tensor, and its pipeline cycles go to the first.
        // Listed for at most LISTED_POSITIONS positions: context may be typed as 999999999 (one
        // slot per position ran out of memory); the rest follow the schedule's closed form.
        long[] perPosition = new long[Math.min(context, LISTED_POSITIONS)];
        for (int t = 0; t < perPosition.length; t++) perPosition[t] = plan.schedule().cyclesAt(t);
        for (Step s : plan.schedule().steps()) {
            if (s.kind() == StepKind.MV) {
                long rest = s.fixedCycles();
                for (String tensor : s.tensors()) rest -= (long) layoutOf(plan, tensor).passes() * layoutOf(plan, tensor).segment();
                boolean first = true;
                for (String tensor : s.tensors()) {
                    TensorLayout l = layoutOf(plan, tensor);
                    Row r = row(rows, l.layer(), "linear");
                    long c = (long) l.passes() * l.segment() + (first ? rest : 0);
                    r.cyclesSum += c * context;
                    r.cyclesFirst += c;
                    first = false;
                }
            } else {
                Row r = row(rows, s.layer(), kindName(s.kind()));
                r.cyclesSum += Schedule.cyclesOverContext(s, context);
                r.cyclesFirst += s.cyclesAt(0);
            }
        }

        double average = plan.schedule().averageCycles();
        double clock = plan.target().clockMHz();
        double tokensPerSecond = average > 0 && clock > 0 ? clock * 1e6 / average : 0;

        List<LayerEstimate> layers = new ArrayList<>();
        for (Row r : rows.values()) {
            layers.add(new LayerEstimate(r.name, r.kind, r.params, r.bits, r.roms, r.bram, r.dsp,
                    (double) r.cyclesSum / context, r.cyclesFirst, plan.program().source(r.name)));
        }
        long weightBits = params * plan.weightBits();
        long romBits = (long) plan.bankDepth() * plan.weightBits() * lanes;

        List<String> notes = new ArrayList<>();
        if (bramKind.vendorRuleOnly() != null && plan.romInBlockRam()) {
            notes.add("block RAM follows " + device.family().vendor() + "'s documented " + bramKind.name()
                    + " shapes (" + bramKind.vendorRuleOnly() + ")");
        }
        if (dspKind.vendorRuleOnly() != null) {
            notes.add("DSP follows " + device.family().vendor() + "'s documented rules (" + dspKind.vendorRuleOnly() + ")");
        }
        if ("cyclonev".equals(dspKind.rule())) {
            notes.add("DSP counts variable-precision blocks: Yosys maps " + cells
                    + "; Intel packs two 18x18 or three 9x9 per block (vendor rule)");
        }
        if (!device.hasDsp() && !plan.multipliers().isEmpty()) {
            int count = plan.multipliers().stream().mapToInt(Multiplier::count).sum();
            notes.add(String.format(java.util.Locale.ROOT, "%s has no DSP blocks: its %d multipliers are built in logic (about %,d %s of the logic figure)",
                    device.name(), count, LogicModel.softMultiplierLogic(plan, device.family()), device.family().logicUnit()));
        }
        if (plan.scratchReadAhead()) {
            // the clock changes the logic here: say so, a user who raises it sees the figure jump
            notes.add(String.format(java.util.Locale.ROOT, "%s MHz is above the %s MHz a falling-edge read of the activation rows reaches on %s:"
                    + " they are read a clock ahead (about %,d %s of the logic figure)", trim(plan.target().clockMHz()),
                    trim(device.family().fallingEdgeReadMHz()), device.family().name(), LogicModel.readAheadLogic(plan, device.family()), device.family().logicUnit()));
        }
        String learned = learnedVectors(plan);
        if (learned != null) notes.add(learned);
        notes.add("logic and flip-flops are a first-order model, not a synthesis result");

        return new Estimate(plan, device, params, weightBits, romBits, romBram, kvBram, scratchBram + scoreBram + sampleBram + seedBram + expBram, romBram + kvBram + scratchBram + scoreBram + sampleBram + seedBram + expBram,
                cells, dsp, LogicModel.logic(plan, device.family()), LogicModel.flipFlops(plan),
                perPosition, average, tokensPerSecond, layers, notes);
    }

    /** A clock figure as the user writes it: 20, 56.25. */
    private static String trim(double mhz) {
        return mhz == Math.rint(mhz) ? String.valueOf((long) mhz) : String.valueOf(mhz);
    }

    /**
     * The estimate's logic as Yosys 0.23 maps the design: the estimate itself, plus the soft
     * multipliers on a family whose DSP Yosys leaves in logic while the vendor's tools use it
     * (Gowin). What {@code bramble synth} and the whole-design tests hold Yosys's figure against.
     */
    public static int logicAsYosysMaps(Estimate estimate) {
        var family = estimate.device().family();
        boolean softInYosysOnly = !family.yosysMapsDsp() && family.dsp().vendorRuleOnly() != null;
        if (!softInYosysOnly) return estimate.lut();
        return estimate.lut() + (int) Math.round(LogicModel.SOFT_MULTIPLIER_CELLS_PER_BIT * LogicModel.softMultiplierBitOps(estimate.plan()));
    }

    /**
     * What the learned vectors cost, from the plan (null without any): a linear's bias is a column
     * of its matrix (each of its words per lane is also an issue cycle); a tied head's is a vector
     * of its own (⌈V/L⌉ words per lane) and a column of issues (V cycles); a norm's gain and bias
     * are vectors read by an AFFINE op once per token.
     */
    static String learnedVectors(Plan plan) {
        long biasWords = 0;
        long biasCycles = 0;
        for (TensorLayout l : plan.layouts()) {
            biasWords += l.biasWordsPerLane();
            biasCycles += l.biasCycles();
            if (l.bias() != null && l.depthPerLane() == 0) biasWords += layoutOf(plan, l.bias()).depthPerLane();
        }
        long normWords = 0;
        long normCycles = 0;
        for (Step s : plan.schedule().steps()) {
            if (s.kind() != StepKind.AFFINE) continue;
            normCycles += s.cyclesAt(0);
            for (String t : s.tensors()) normWords += layoutOf(plan, t).depthPerLane();
        }
        boolean anyBias = plan.layouts().stream().anyMatch(l -> l.bias() != null);
        if (!anyBias && normCycles == 0) return null;
        StringBuilder b = new StringBuilder("learned vectors:");
        if (anyBias) b.append(String.format(java.util.Locale.ROOT, " biases %,d words per lane bank and %,d cycles per token (a column of their linears)", biasWords, biasCycles));
        if (anyBias && normCycles > 0) b.append(";");
        if (normCycles > 0) b.append(String.format(java.util.Locale.ROOT, " norm gains and biases %,d words per lane bank and %,d cycles per token", normWords, normCycles));
        return b.toString();
    }

    private static String kindName(StepKind kind) {
        return switch (kind) {
            case INPUT -> "input";
            case EMBED_TOKEN, EMBED_POSITION -> "embedding";
            case NORM -> "norm";
            case ADD -> "residual";
            case MV -> "linear";
            case ATTENTION -> "attention";
            case SAMPLE -> "sample";
            case ARGMAX -> "argmax";
            case AFFINE -> "affine";
        };
    }

    private static TensorLayout layoutOf(Plan plan, String tensor) {
        // By the program's index: a scan of plan.layouts() (a fresh copy per call) for every step
        // was quadratic, most of a 2,000-line design's keystroke.
        return plan.program().layout(tensor).orElseThrow(() -> new IllegalStateException("plan has no layout for " + tensor));
    }

    private static String layerOfTensor(Plan plan, String tensor) {
        return layoutOf(plan, tensor).layer();
    }

    /** The row a shared unit's multipliers are charged to: the first step that uses it. */
    private static String ownerOf(Plan plan, String unit) {
        for (Step s : plan.schedule().steps()) {
            boolean uses = switch (unit) {
                case "lane", "gelu" -> s.kind() == StepKind.MV || s.kind() == StepKind.NORM || s.kind() == StepKind.AFFINE
                        || s.kind() == StepKind.ATTENTION;
                case "norm", "rsqrt" -> s.kind() == StepKind.NORM;
                case "attention" -> s.kind() == StepKind.ATTENTION;
                default -> s.kind() == StepKind.SAMPLE;
            };
            if (uses) return s.kind() == StepKind.MV ? layerOfTensor(plan, s.tensors().get(0)) : s.layer();
        }
        return null;
    }

    /** Block RAM of the sampler's, charged to the sample layer's row. */
    private static void chargeSample(Plan plan, Map<String, Row> rows, int bram) {
        for (dev.bramble.lang.model.Layer l : plan.model().flatLayers()) {
            if (l instanceof dev.bramble.lang.model.SampleLayer) row(rows, l.path(), "sample").bram += bram;
        }
    }

    private static Row row(Map<String, Row> rows, String name, String kind) {
        return rows.computeIfAbsent(name, n -> new Row(n, kind));
    }

    private static final class Row {
        final String name;
        final String kind;
        long params;
        long bits;
        int roms;
        int bram;
        int dsp;
        long cyclesSum;
        long cyclesFirst;
        final List<Map<String, Integer>> dspCells = new ArrayList<>();

        Row(String name, String kind) {
            this.name = name;
            this.kind = kind;
        }
    }

}
