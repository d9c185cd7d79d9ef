package dev.bramble.plan;

import dev.bramble.device.Device;
import dev.bramble.lang.model.ArgmaxLayer;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.BlockLayer;
import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.InputLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.Activation;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.NormLayer;
import dev.bramble.lang.model.ResidualLayer;
import dev.bramble.lang.model.SampleLayer;
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

    static int clog2(long n) {
        return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
    }

    /** Upper bound of the norm gain G in bits (architecture.md §3, "Norm fusion"). */
    public static int gainBits(int width) {
        long sqrtN = Math.round(Math.floor(Math.sqrt(width) * 32768.0 + 0.5));
        long bound = ((65535L * sqrtN) + (1L << 14)) >> 15;
        return 64 - Long.numberOfLeadingZeros(bound);
    }

    private static final class Builder {
        final Model model;
        final Target target;
        final Device device;
        final int lanes;
        final int na;
        final int nw;
        final List<TensorLayout> layouts = new ArrayList<>();
        final List<Step> steps = new ArrayList<>();
        final List<KvCache> caches = new ArrayList<>();
        int depth;
        int prescale; // column groups of linears whose input goes through the prescale unit
        int maxHeads;
        boolean anyNorm;
        boolean anyLayerNorm;
        boolean anyNormApply;
        boolean anyScoreScale;
        boolean anyGelu;
        int maxGainBits;
        int maxRowLanesGelu;
        int maxFanIn = 1;
        int maxNormWidth = 1;
        int logitsWidth;
        boolean sampler;
        int normCounter;

        Builder(Model model, Target target, Device device) {
            this.model = model;
            this.target = target;
            this.device = device;
            this.lanes = Math.max(1, target.lanes());
            this.na = model.activationFormat().totalBits();
            this.nw = model.weightFormat().totalBits();
        }

        Plan build() {
            walk(model.layers(), "");
            boolean attention = maxHeads > 0;
            int wa = Math.max(nw, (anyNorm || attention) ? na : 0);
            if (attention) wa = Math.max(wa, 16);
            int wb = na;
            int context = model.context();
            int accAtt = na + 16 + clog2(context);
            int acc = nw + na + clog2(maxFanIn);
            if (anyNorm) acc = Math.max(acc, 2 * na + clog2(maxNormWidth));
            if (attention) acc = Math.max(acc, na + 16 + clog2(context));
            if (anyNormApply) acc = Math.max(acc, na + maxGainBits + 1);
            LaneWidths lane = new LaneWidths(wa, wb, acc);

            Storage storage = target.storage() == null ? Storage.AUTO : target.storage();
            boolean block = storage == Storage.BRAM || (storage == Storage.AUTO
                    && (device == null || (long) depth * nw * 4 >= device.family().blockRam().bits()));
            List<RomBank> banks = new ArrayList<>();
            if (depth > 0) for (int l = 0; l < lanes; l++) banks.add(new RomBank(l, depth, nw, block));
            List<KvCache> kv = new ArrayList<>();
            for (KvCache c : caches) kv.add(new KvCache(c.layer(), c.which(), c.rows(), c.width(), kvInBlockRam(c, storage)));

            int expUnits = Math.max(attention ? maxHeads : 0, sampler ? 1 : 0);
            // The multipliers are the ones the RTL builds (MultiplierInventory mirrors the emitted core).
            List<Multiplier> muls = MultiplierInventory.of(model, lanes);

            // Sampler steps need E, known only now: fix them up.
            List<Step> fixed = new ArrayList<>();
            for (Step s : steps) {
                if (s.kind() == StepKind.SAMPLE) {
                    fixed.add(new Step(s.name(), s.kind(), s.layer(), s.tensors(), ceilDiv(logitsWidth, expUnits), 0, s.latency()));
                } else {
                    fixed.add(s);
                }
            }
            return new Plan(model, target, device, lanes, nw, na, lane, layouts, banks, kv, muls,
                    prescale, expUnits, new Schedule(fixed, Math.max(1, context)));
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

        static int bitsOf(long v) {
            return 64 - Long.numberOfLeadingZeros(Math.max(1, v));
        }

        void walk(List<Layer> layers, String scope) {
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                Layer next = i + 1 < layers.size() ? layers.get(i + 1) : null;
                if (layer instanceof InputLayer in) {
                    steps.add(new Step("input " + in.path(), StepKind.INPUT, in.path(), List.of(),
                            ceilDiv(in.width(), lanes), 0, Timing.LAT_INPUT));
                } else if (layer instanceof EmbeddingLayer e) {
                    embedding(e);
                } else if (layer instanceof NormLayer n) {
                    norm(n, next, scope);
                } else if (layer instanceof LinearLayer l) {
                    steps.add(mv(l.path(), List.of(l), fusedInput(i, layers)));
                } else if (layer instanceof AttentionLayer a) {
                    attention(a, fusedInput(i, layers));
                } else if (layer instanceof ResidualLayer r) {
                    walk(r.children(), scope);
                } else if (layer instanceof BlockLayer b) {
                    walk(b.children(), b.path() + ".");
                } else if (layer instanceof SampleLayer s) {
                    sampler = true;
                    logitsWidth = s.width();
                    steps.add(new Step("sample", StepKind.SAMPLE, "sample", List.of(), 0, 0, Timing.LAT_SAMPLE));
                } else if (layer instanceof ArgmaxLayer a) {
                    logitsWidth = a.width();
                    steps.add(new Step("argmax", StepKind.ARGMAX, "argmax", List.of(), 0, 0, Timing.LAT_ARGMAX));
                }
            }
        }

        /** A layer reads a prescaled input when the layer before it in the same list is a fused norm. */
        boolean fusedInput(int index, List<Layer> layers) {
            return index > 0 && layers.get(index - 1) instanceof NormLayer;
        }

        void embedding(EmbeddingLayer e) {
            int segment = ceilDiv(e.dim(), lanes);
            int perLane = e.rows() * segment;
            layouts.add(new TensorLayout(e.tensor().path(), e.path(), true, e.rows(), e.dim(), depth, perLane,
                    e.rows(), segment, 1, lanes));
            depth += perLane;
            steps.add(new Step(e.path(), e.position() ? StepKind.EMBED_POSITION : StepKind.EMBED_TOKEN, e.path(),
                    List.of(e.tensor().path()), segment, 0, Timing.LAT_EMBED));
        }

        void norm(NormLayer n, Layer next, String scope) {
            anyNorm = true;
            maxNormWidth = Math.max(maxNormWidth, n.width());
            maxGainBits = Math.max(maxGainBits, gainBits(n.width()));
            boolean layerNorm = n.normKind() == NormLayer.Kind.LAYERNORM;
            anyLayerNorm |= layerNorm;
            String name = scope + n.kind() + "#" + (normCounter++);
            int chunk = ceilDiv(n.width(), lanes);
            int issue = layerNorm ? 2 * chunk : chunk;
            int latency = layerNorm ? Timing.LAT_LN_MEAN + Timing.LAT_NORM_STATS : Timing.LAT_NORM_STATS;
            steps.add(new Step(name + " stats", StepKind.NORM_STATS, name, List.of(), issue, 0, latency));
            boolean fused = next instanceof LinearLayer || next instanceof AttentionLayer;
            if (!fused) {
                anyNormApply = true;
                // Lanes multiply by G in chunks of WA−1 bits; WA is at least Na here (norms need x·x).
                int wa = Math.max(Math.max(nw, na), hasAttention(model.layers()) ? 16 : 0);
                int chunks = ceilDiv(gainBits(n.width()), wa - 1);
                steps.add(new Step(name + " apply", StepKind.NORM_APPLY, name, List.of(), chunks * chunk, 0, Timing.LAT_NORM_APPLY));
            }
        }

        static boolean hasAttention(List<Layer> layers) {
            for (Layer l : layers) {
                if (l instanceof AttentionLayer) return true;
                if (hasAttention(l.children())) return true;
            }
            return false;
        }

        TensorLayout linearLayout(LinearLayer l) {
            int out = l.outWidth();
            int in = l.inWidth();
            int s = columnSplit(out, in, lanes);
            int rowLanes = lanes / s;
            int passes = ceilDiv(out, rowLanes);
            int segment = ceilDiv(in, s);
            TensorLayout t = new TensorLayout(l.tensor().path(), l.path(), false, out, in, depth, passes * segment,
                    passes, segment, s, rowLanes);
            depth += passes * segment;
            maxFanIn = Math.max(maxFanIn, in);
            if (l.activation() == Activation.GELU) {
                anyGelu = true;
                maxRowLanesGelu = Math.max(maxRowLanesGelu, rowLanes);
            }
            return t;
        }

        Step mv(String name, List<LinearLayer> linears, boolean prescaled) {
            int issue = 0;
            List<String> tensors = new ArrayList<>();
            int maxSplit = 1;
            for (LinearLayer l : linears) {
                TensorLayout t = linearLayout(l);
                layouts.add(t);
                issue += t.passes() * t.segment();
                tensors.add(t.tensor());
                maxSplit = Math.max(maxSplit, t.columnSplit());
            }
            if (prescaled) prescale = Math.max(prescale, maxSplit);
            return new Step(name, StepKind.MV, linears.get(0).path(), tensors, issue, 0, Timing.LAT_MV);
        }

        void attention(AttentionLayer a, boolean prescaled) {
            maxHeads = Math.max(maxHeads, a.heads());
            int hd = a.headDim();
            if (!isPowerOf4(hd)) anyScoreScale = true;
            int aw = a.attentionWidth();
            Step qkv = mv(a.query().path() + ", " + a.key().path() + ", " + a.value().path(),
                    List.of(a.query(), a.key(), a.value()), prescaled);
            steps.add(qkv);
            caches.add(new KvCache(a.path(), "k", model.context(), aw * na, true));
            caches.add(new KvCache(a.path(), "v", model.context(), aw * na, true));
            int chunks = ceilDiv(aw, lanes);
            String layer = a.path();
            steps.add(new Step(layer + " scores", StepKind.SCORES, layer, List.of(), 0, chunks, Timing.LAT_SCORES));
            steps.add(new Step(layer + " values", StepKind.VALUES, layer, List.of(), 0, chunks, Timing.LAT_VALUES));
            steps.add(mv(a.output().path(), List.of(a.output()), true));
        }

        static boolean isPowerOf4(int n) {
            return n > 0 && Integer.bitCount(n) == 1 && Integer.numberOfTrailingZeros(n) % 2 == 0;
        }
    }
}
