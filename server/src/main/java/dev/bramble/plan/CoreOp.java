package dev.bramble.plan;

import dev.bramble.lang.model.Activation;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.NormLayer;
import java.util.List;

/**
 * One op of the core's per-token program: what the sequencer's op table holds for it, and its
 * exact length. Vectors live in lane-aligned rows of the activation registers (word w =
 * row·lanes + lane). Every op's length is affine in the position t — {@code fixedCycles(L) +
 * perPositionCycles(L)·t} — and the sequencer runs the ops back to back, so the program's cycle
 * count is exact: the estimate sums these numbers, the emitter writes them into the op table,
 * and simulation checks each op's start against them.
 */
public sealed interface CoreOp {
    /** Shown in the op table's comments and in a simulation's per-op verdict. */
    String label();

    /** What kind of work this is (the estimator charges units by kind). */
    StepKind kind();

    /** The estimate row the op's cycles are charged to (a layer's path; norms scope + kind + "#i"). */
    String layer();

    /** Weight tensors the op reads, in bank order. */
    default List<String> tensors() {
        return List.of();
    }

    /** Cycles at position 0. */
    int fixedCycles(int lanes);

    /** Cycles added per position. */
    default int perPositionCycles(int lanes) {
        return 0;
    }

    /** Cycles this op takes at position {@code t} with {@code lanes} lanes. */
    default long cycles(int lanes, int t) {
        return fixedCycles(lanes) + (long) perPositionCycles(lanes) * t;
    }

    static int chunks(int n, int lanes) {
        return (n + lanes - 1) / lanes;
    }

    /** A vector model's input, {@code lanes} elements per handshake: the first chunk comes with the handshake that starts the step. */
    record Input(String label, int dstRow, int width, int inBits, int inFrac) implements CoreOp {
        public StepKind kind() { return StepKind.INPUT; }
        public String layer() { return label; }
        public int fixedCycles(int lanes) { return chunks(width, lanes) - 1; }
    }

    /** Token row (or, with {@code position}, the position's row added) of an embedding, {@code lanes} columns per cycle. */
    record Embed(String label, String tensor, int romBase, int rows, int dim, boolean position, int dstRow, int weightFrac) implements CoreOp {
        public StepKind kind() { return position ? StepKind.EMBED_POSITION : StepKind.EMBED_TOKEN; }
        public String layer() { return label; }
        public List<String> tensors() { return List.of(tensor); }
        public int fixedCycles(int lanes) { return chunks(dim, lanes) + Timing.LAT_EMBED; }
    }

    /**
     * y = act(W x) on the lanes (docs/architecture.md §2): {@code split} column groups of
     * {@code rowLanes} lanes; each pass issues {@code segment} columns per lane, reading its bank
     * from {@code romBase}; the write-back adds the groups' partial sums. With one group lane l
     * computes rows l, l+lanes, ... Several independent linears reading the same source
     * (attention's q, k, v) run as one op: their banks and destination rows are contiguous, so
     * pass p simply continues into the next tensor. {@code writeWidth}: words written (the rows,
     * or all passes' words when merged). {@code accumulate}: the result is added into the
     * destination (a residual's last layer); {@code logits}: written to the 32-bit logit
     * registers ({@code sat32}: the logits exception). {@code layer}: the first tensor's layer.
     * {@code weightFracs}: each tensor's fraction bits (its own format, 'weights qI.F', or the
     * model's), the rounding shift of its passes' write-back. {@code bias}: column {@code in} is the
     * bias column (the broadcast gives 1.0 there; {@link TensorLayout#biasColumn}), so a pass
     * issues {@code segment = ⌈(in + 1)/split⌉} columns. {@code laneOperands}: each lane multiplies
     * its own element of the source (column {@code j·L + lane}, the source row's chunk j) instead
     * of a group's broadcast one — a tied head reading its embedding's words, split L ways.
     * {@code tiedBias}: such a head's bias (null without one), the last of each pass's
     * {@code segment = ⌈in/L⌉ + 1} columns, its words a vector of their own ({@link TiedBias}).
     */
    record Linear(String label, String layer, List<String> tensors, int romBase, int in, int passes, int segment, int split, int rowLanes,
                  int writeWidth, Activation activation, int srcRow, int dstRow, boolean accumulate, boolean logits, boolean sat32,
                  List<Integer> weightFracs, boolean bias, boolean laneOperands, TiedBias tiedBias) implements CoreOp {
        public Linear {
            tensors = List.copyOf(tensors);
            weightFracs = List.copyOf(weightFracs);
            if (weightFracs.size() != tensors.size()) throw new IllegalArgumentException("one fraction per tensor: " + tensors + " " + weightFracs);
        }

        public StepKind kind() { return StepKind.MV; }
        /** Issue (passes × segment) plus the operand register and the multiply-accumulate. */
        public int fixedCycles(int lanes) { return passes * segment + Timing.LAT_MV; }

        /** The same op adding its result into {@code dst} (a residual's skip connection folded into the write-back). */
        public Linear accumulatingInto(int dst) {
            return new Linear(label, layer, tensors, romBase, in, passes, segment, split, rowLanes, writeWidth, activation, srcRow, dst,
                    true, false, false, weightFracs, bias, laneOperands, tiedBias);
        }
    }

    /**
     * A tied head's bias (docs/numerics.md: the reference adds {@code rescale(b, Fb, Fw + Fa)} to
     * logit i's exact sum, Fw the embedding's fraction bits, Fb the bias's). The embedding's words
     * have no column for it, so it is a vector of its own in the banks, {@code ⌈V/L⌉} words per
     * lane from {@code base} (lane {@code i mod L} holds {@code b[i]} at {@code base + ⌊i/L⌋}),
     * and each pass issues one more column: lane {@code i mod L} multiplies its word by the
     * constant {@code 2^operandShift} (raw activation units), the other lanes by 0. A word is
     * {@code rescale(b, fromFrac, wordFrac)}, {@code wordFrac = Fw + Fa − operandShift}, so the
     * product is the reference's term exactly: the shift is {@code Fw + Fa − Fb} when the
     * activations hold 2^that, else as much of it as they hold (the rest shifts the word left)
     * or 0 (the word is the reference's rounded term itself).
     */
    record TiedBias(String tensor, int base, int fromFrac, int wordFrac, int operandShift) {}

    /** RMSNorm: sum of squares pass, rsqrt, gain, scaling pass. LayerNorm adds a mean pass first. */
    record Norm(String label, NormLayer.Kind normKind, int width, int srcRow, int dstRow) implements CoreOp {
        public StepKind kind() { return StepKind.NORM; }
        public String layer() { return label; }
        public int fixedCycles(int lanes) {
            int c = chunks(width, lanes);
            // squares (and a LayerNorm's mean) a chunk per clock; the scaled words a chunk per Timing.normShare clocks
            int apply = c * Timing.normShare(lanes);
            return normKind == NormLayer.Kind.RMSNORM ? c + apply + Timing.LAT_RMSNORM : 2 * c + apply + Timing.LAT_LAYERNORM;
        }
    }

    /**
     * A norm's learned gain and bias applied to its row in place (docs/numerics.md "Learned gain
     * and bias": {@code y' = sat(rnd(y·g, Fg) + rescale(b, Fg, Fa), Na)}), chunk by chunk on the
     * lanes: each lane's bank gives one word per clock, so a chunk takes one read per tensor (gain
     * then bias), {@code tensors·⌈n/L⌉} reads, and the lanes' multipliers (lent as for the norms)
     * make y·g. {@link #LATENCY}: the word and product registers, then the write. (A linear's
     * bias is a column of its matrix instead: {@link Linear#bias}.) {@code tensors}: the gain's,
     * then the bias's, as {@code gain} and {@code bias} say; {@code weightFrac}: their Fg.
     * {@code layer}: the row the cycles are charged to.
     */
    record Affine(String label, String layer, List<String> tensors, int width, int dstRow, boolean gain, boolean bias, int weightFrac)
            implements CoreOp {
        /** The word (and product) register, then the write-back, after a chunk's last read. */
        public static final int LATENCY = 2;

        /**
         * The width of y·g + b before saturation (the top's AFW): y·g rounded (Nw + Na bits) or the
         * bias rescaled up to Fa (Nw + Fa − Fg, the least Fg the widest), and a carry.
         */
        public static int sumWidth(int nw, int na, int fa, int leastFg) {
            return Math.max(nw + na, nw + Math.max(0, fa - leastFg)) + 2;
        }

        public Affine {
            tensors = List.copyOf(tensors);
            if (tensors.size() != (gain ? 1 : 0) + (bias ? 1 : 0)) throw new IllegalArgumentException("affine " + label + ": " + tensors);
        }

        public StepKind kind() { return StepKind.AFFINE; }
        public int fixedCycles(int lanes) { return tensors.size() * chunks(width, lanes) + LATENCY; }
    }

    /** dst = sat(dst + src), lane-parallel: a residual whose body does not end in a linear. */
    record Add(String label, int width, int srcRow, int dstRow) implements CoreOp {
        public StepKind kind() { return StepKind.ADD; }
        public String layer() { return label; }
        public int fixedCycles(int lanes) { return chunks(width, lanes); }
    }

    /**
     * Attention core {@code unit} (all heads in parallel, all its products on the lanes) over the
     * q, k, v rows, with block {@code block} of its caches ({@link AttentionCore}); writes the att
     * rows chunk by chunk at its end. See rtl-lib/attention_core.v.
     */
    record Attention(String label, AttentionLayer attention, int unit, int block, int qRow, int kRow, int vRow, int outRow, int scalarStages) implements CoreOp {
        public StepKind kind() { return StepKind.ATTENTION; }
        public String layer() { return label; }
        public int fixedCycles(int lanes) { return Timing.attentionFixedCycles(attention.heads(), attention.attentionWidth(), lanes, scalarStages); }
        public int perPositionCycles(int lanes) { return Timing.attentionPerPosition(attention.heads(), attention.attentionWidth(), lanes); }
    }

    /** One cycle: a comparison chain over the logit registers (rtl-lib/argmax_scan.v). */
    record Argmax(String label, int vocabulary) implements CoreOp {
        public StepKind kind() { return StepKind.ARGMAX; }
        public String layer() { return label; }
        public int fixedCycles(int lanes) { return Timing.LAT_ARGMAX; }
    }

    /**
     * Max, then one logit per cycle through one 1/T multiplier and one exp unit with a running
     * sum, the target ({@code targetClocks}: Timing.sampleTargetClocks), and a binary-search pick
     * over the stored sums (rtl-lib/sampler.v): {@code V + LAT_SAMPLE + targetClocks + ⌈log2 V⌉}
     * cycles.
     */
    record Sample(String label, int vocabulary, double temperature, int targetClocks) implements CoreOp {
        public StepKind kind() { return StepKind.SAMPLE; }
        public String layer() { return label; }
        public int fixedCycles(int lanes) { return vocabulary + Timing.LAT_SAMPLE + targetClocks + Timing.sampleSearchSteps(vocabulary); }
    }
}
