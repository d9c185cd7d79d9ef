package dev.bramble.plan;

import dev.bramble.lang.model.Activation;
import dev.bramble.lang.model.ArgmaxLayer;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.BlockLayer;
import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.Features;
import dev.bramble.lang.model.Tensor;
import dev.bramble.lang.model.InputLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.NormLayer;
import dev.bramble.lang.model.ResidualLayer;
import dev.bramble.lang.model.SampleLayer;
import dev.bramble.lang.source.Range;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The core's program for one model and lane count: the ops a token step runs, in order, where
 * each vector lives (activation rows) and where each tensor sits in the lanes' banks. It is the
 * plan's schedule: the estimator sums its ops' cycles, the emitter writes its op table, and the
 * simulation checks every op's start cycle against it. Nothing else walks the model for timing.
 *
 * A model the hardware cannot build (no output layer, logits not from a linear, …) still gets a
 * program for the estimate; {@link #problem()} says why the emitter refuses it.
 */
public final class CoreProgram {
    private final Model model;
    private final int lanes;
    private final int scalarStages;
    private final List<CoreOp> ops = new ArrayList<>();
    private final List<TensorLayout> layouts = new ArrayList<>();
    private final Map<String, TensorLayout> layoutByTensor = new HashMap<>();
    private final List<AttentionLayer> attentions = new ArrayList<>();
    private List<AttentionCore> cores = List.of();   // the attention layers' cores, as of the last one emitted
    private final Map<String, Range> sources = new HashMap<>();   // row label -> the source layer's range
    private int romDepth;
    private int rows;          // the most rows live at once: the scratch memories' depth
    private int next;          // the first free row
    private int rowsBeforeLast;   // rows before the last allocation (a folded write-back gives it back)
    private int logitCount;
    private int normCount;
    private String problem;
    private Range problemRange;

    private CoreProgram(Model model, int lanes, int scalarStages) {
        this.model = model;
        this.lanes = lanes;
        this.scalarStages = scalarStages;
    }

    /** The program for {@code model} on {@code lanes} lanes (at least one). Pure and linear in the model's size. */
    public static CoreProgram of(Model model, int lanes) {
        return of(model, lanes, 1);
    }

    /**
     * As above, with the scalar unit's Newton step in {@code scalarStages} clocks (1, or 2 where
     * the target's clock asks it: Plan.scratchReadAhead): the reciprocal then answers a clock later
     * and each attention op takes one cycle more (Timing.attentionFixedCycles); the norms' rsqrt
     * keeps its cycles (the second half shares the gain's clock).
     */
    public static CoreProgram of(Model model, int lanes, int scalarStages) {
        if (scalarStages < 1 || scalarStages > 2) throw new IllegalArgumentException("scalar stages " + scalarStages);
        CoreProgram p = new CoreProgram(model, Math.max(1, lanes), scalarStages);
        p.build();
        return p;
    }

    /** Clocks of the scalar unit's Newton step (1 or 2). */
    public int scalarStages() { return scalarStages; }

    public Model model() { return model; }

    public int lanes() { return lanes; }

    public List<CoreOp> ops() { return List.copyOf(ops); }

    /**
     * The ops the sequencer's table holds, in order: every op that takes a cycle at some
     * position. A vector input that fits one handshake takes none (its data come with the
     * handshake that starts the step), so it has no entry. Op indices in the emitted core and in
     * its testbench's OP lines are indices into this list.
     */
    public List<CoreOp> sequencedOps() {
        return ops.stream().filter(op -> op.fixedCycles(lanes) > 0 || op.perPositionCycles(lanes) > 0).toList();
    }

    /** Where each tensor sits in the banks, in bank order. */
    public List<TensorLayout> layouts() { return List.copyOf(layouts); }

    public Optional<TensorLayout> layout(String tensor) { return Optional.ofNullable(layoutByTensor.get(tensor)); }

    /**
     * The source text of the layer an op's or a tensor's {@code layer()} label names (a layer's
     * path, or a norm's scope + kind + "#i"), or null: the estimate's rows carry it, so the
     * editor finds a row's line without parsing the label.
     */
    public Range source(String label) { return sources.get(label); }

    /** Words in each lane's bank. */
    public int romDepth() { return romDepth; }

    /** Why the hardware generator cannot build this model, if it cannot. */
    public Optional<String> problem() { return Optional.ofNullable(problem); }

    public List<AttentionLayer> attentions() { return List.copyOf(attentions); }

    /** A dot product of {@code maxIn} terms of NW × NA bits never overflows NW + NA + ⌈log2 maxIn⌉ + 1 bits. */
    public static int dotProductWidth(int nw, int na, int maxIn) {
        return nw + na + dev.bramble.numerics.FixedMath.ceilLog2(maxIn) + 1;
    }

    /** The attention cores the layers run on: one per shape ({@link AttentionCore}). */
    public List<AttentionCore> attentionCores() { return cores; }

    /**
     * The MAC lanes' accumulator width: a dot product never overflows it (NW + NA +
     * ⌈log2 largest fan-in⌉ + 1, a bias column one more term), and attention's weighted sums
     * of v accumulate there ({@link MultiplierInventory#attentionSumWidth}).
     */
    public int accumulatorWidth() {
        int maxIn = 1;
        for (CoreOp op : ops) if (op instanceof CoreOp.Linear lin) maxIn = Math.max(maxIn, lin.in() + (lin.bias() ? 1 : 0));
        int na = model.activationFormat().totalBits();
        int acc = dotProductWidth(MultiplierInventory.weightBits(model), na, maxIn);
        if (!attentions.isEmpty()) acc = Math.max(acc, MultiplierInventory.attentionSumWidth(na, model.context()));
        return acc;
    }

    /** Rows of activation registers; each row is {@code lanes} words. */
    public int rows() { return rows; }

    public int words() { return rows * lanes; }

    /** Entries of the logit registers (the vocabulary, or the output width of a vector model). */
    public int logitCount() { return logitCount; }

    /**
     * The row lanes that write logits: logit i is row lane i % R of pass i / R, R the logits
     * linear's row lanes (1 for a tied head: one logit per pass).
     */
    public int logitRowLanes() {
        return ops.stream().filter(o -> o instanceof CoreOp.Linear lin && lin.logits()).mapToInt(o -> ((CoreOp.Linear) o).rowLanes())
                .findFirst().orElse(lanes);
    }

    /** The logits written in one clock at most: the row lanes that hold one (the dbg_z ports' width). */
    public int logitWriteLanes() {
        return Math.max(1, Math.min(logitRowLanes(), logitCount));
    }

    /**
     * The fraction bits of the linears' weight tensors (their own formats, 'weights qI.F', or the
     * model's), least first. More than one and the write-back's rounding shift is chosen per pass
     * (matvec_engine.v VARFW, over the span from the least).
     */
    public java.util.SortedSet<Integer> linearWeightFracs() {
        java.util.TreeSet<Integer> fracs = new java.util.TreeSet<>();
        for (CoreOp op : ops) if (op instanceof CoreOp.Linear lin) fracs.addAll(lin.weightFracs());
        if (fracs.isEmpty()) fracs.add(model.weightFormat().fracBits());
        return java.util.Collections.unmodifiableSortedSet(fracs);
    }

    /** The gain formats (fraction bits Fg) of the norms' learned vectors (CoreOp.Affine), least first; empty without any. */
    public java.util.SortedSet<Integer> affineWeightFracs() {
        java.util.TreeSet<Integer> fgs = new java.util.TreeSet<>();
        for (CoreOp op : ops) if (op instanceof CoreOp.Affine a) fgs.add(a.weightFrac());
        return java.util.Collections.unmodifiableSortedSet(fgs);
    }

    /** Whether some linear ends in activation {@code a} (which units the core builds: fx_gelu and its tables). */
    public boolean hasActivation(Activation a) {
        return ops.stream().anyMatch(o -> o instanceof CoreOp.Linear lin && lin.activation() == a);
    }

    /**
     * Whether attention core 0's head lane 0 lends its exp tables to the sampler: the two never
     * run in one op, so one pair of tables (fx_exp_tables.v) serves both.
     */
    public boolean sharesExpTables() {
        return !attentionCores().isEmpty() && output().orElse(null) instanceof CoreOp.Sample;
    }

    /** The op that chooses the output (argmax or sample), if the model has one. */
    public Optional<CoreOp> output() {
        CoreOp last = ops.isEmpty() ? null : ops.get(ops.size() - 1);
        return last instanceof CoreOp.Argmax || last instanceof CoreOp.Sample ? Optional.of(last) : Optional.empty();
    }

    public boolean tokenModel() { return ops.isEmpty() || !(ops.get(0) instanceof CoreOp.Input); }

    /** Cycles from the step's handshake to {@code out_valid} at position {@code t}. */
    public long cyclesAt(int t) {
        long n = 0;
        for (CoreOp op : ops) n += op.cycles(lanes, t);
        return n;
    }

    /** Cycles from the step's handshake to the first cycle of sequenced op {@code index} ({@link #sequencedOps}) at position {@code t}. */
    public long startOf(int index, int t) {
        List<CoreOp> table = sequencedOps();
        long n = 0;
        for (int i = 0; i < index; i++) n += table.get(i).cycles(lanes, t);
        return n;
    }

    private void refuse(String why) {
        if (problem == null) problem = why;
    }

    /** Refuses with the line of {@code where} (a layer's range): "line N: why"; the CLI prints it as file:line:col. */
    private void refuse(Range where, String why) {
        if (problem == null) problemRange = where;
        refuse("line " + (where.start().line() + 1) + ": " + why);
    }

    /** The source range the problem is about, when it is one layer's (the CLI names the file, line and column). */
    public Optional<Range> problemRange() { return Optional.ofNullable(problemRange); }

    /** The problem without its "line N: " prefix (for a message that gives the line itself). */
    public Optional<String> problemMessage() {
        return problem().map(p -> problemRange != null ? p.substring(p.indexOf(": ") + 2) : p);
    }

    private int allocate(int width) {
        int start = next;
        next += CoreOp.chunks(width, lanes);
        rowsBeforeLast = rows;
        rows = Math.max(rows, next);
        return start;
    }

    /** Places a tensor in the banks (once) and returns its layout. */
    private TensorLayout place(TensorLayout wanted) {
        TensorLayout have = layoutByTensor.get(wanted.tensor());
        if (have != null) return have;
        layouts.add(wanted);
        layoutByTensor.put(wanted.tensor(), wanted);
        romDepth += wanted.depthPerLane();
        return wanted;
    }

    private TensorLayout place(LinearLayer l) {
        return place(l, l.bias() != null);
    }

    /**
     * A linear's matrix in the banks; with {@code biasColumn} one more column (its bias, or zeros:
     * q, k and v share one shape) that the broadcast multiplies by 1.0.
     */
    private TensorLayout place(LinearLayer l, boolean biasColumn) {
        int out = l.outWidth();
        int in = l.inWidth() + (biasColumn ? 1 : 0);
        int split = Planner.columnSplit(out, in, lanes);
        int rowLanes = lanes / split;
        int passes = CoreOp.chunks(out, rowLanes);
        int segment = CoreOp.chunks(in, split);
        sources.putIfAbsent(l.path(), l.range());
        TensorLayout table = l.tied() ? layoutByTensor.get(l.tensor().path()) : null;
        if (l.tied() && (table == null || !table.embedding())) {
            refuse(l.range(), "linear " + l.path() + ": tied to '" + l.tiedTo()
                    + "', which the hardware has not placed before it");
            return new TensorLayout(l.tensor().path() + "@" + l.path(), l.path(), true, out, l.inWidth(), 0, 0, out, 1, lanes, 1);
        }
        if (table != null) {
            // A tied head reads its embedding's words where they are: row i of the table is logit
            // i's weights, spread over the lanes a chunk at a time (lane l holds column c·L + l).
            // So each lane is a column group of its own (split L, one row lane): pass i issues the
            // ⌈dim/L⌉ chunks of row i, each lane multiplies its own element of x, and the
            // write-back adds the L partial sums — one logit per pass, V·⌈dim/L⌉ issue cycles, no
            // ROM words of its own (the embedding's layout, named apart so its parameters count once).
            // With a bias, one more column per pass (its words a vector of their own: tiedBias).
            int chunks = CoreOp.chunks(l.inWidth(), lanes);
            boolean biased = l.bias() != null;
            return place(new TensorLayout(l.tensor().path() + "@" + l.path(), l.path(), true, out, l.inWidth() + (biased ? 1 : 0), table.base(), 0,
                    out, chunks + (biased ? 1 : 0), lanes, 1, biased, biased ? l.bias().path() : null));
        }
        return place(new TensorLayout(l.tensor().path(), l.path(), false, out, in, romDepth, passes * segment,
                passes, segment, split, rowLanes, biasColumn, l.bias() != null ? l.bias().path() : null));
    }

    private TensorLayout place(EmbeddingLayer e) {
        int segment = CoreOp.chunks(e.dim(), lanes);
        sources.putIfAbsent(e.path(), e.range());
        return place(new TensorLayout(e.tensor().path(), e.path(), true, e.rows(), e.dim(), romDepth, e.rows() * segment,
                e.rows(), segment, 1, lanes));
    }

    private CoreOp.Linear linear(LinearLayer l, int src, int dst, boolean logits) {
        TensorLayout t = place(l);
        if (l.tied() && (!logits || !t.embedding())) {
            refuse(l.range(), "linear " + l.path() + ": a tied linear must be the logits (the layer before '"
                    + "argmax' or 'sample') in hardware: it writes one logit per pass");
        }
        CoreOp.TiedBias tiedBias = l.tied() && l.bias() != null && t.embedding() ? tiedBias(l) : null;
        return new CoreOp.Linear(l.path(), l.path(), List.of(t.tensor()), t.base(), l.inWidth(), t.passes(), t.segment(), t.columnSplit(),
                t.rowLanes(), l.outWidth(), l.activation(), src, dst, false, logits, logits && l.activation() == Activation.NONE,
                List.of(frac(l.tensor())), t.biasColumn(), l.tied(), tiedBias);
    }

    /**
     * A tied head's bias: its vector in the banks and the constant its column multiplies
     * ({@link CoreOp.TiedBias}). The reference adds rescale(b, Fb, Fw + Fa) with Fw the
     * embedding's fraction bits: the constant is 2^(Fw + Fa − Fb) when the activations hold it
     * (at most 2^(Na−2): a positive Na-bit operand), else 2^(Na−2) with the word shifted left by
     * the rest (it must fit the banks' word), or 1 (2^0) with the word the rounded term itself.
     */
    private CoreOp.TiedBias tiedBias(LinearLayer l) {
        TensorLayout v = placeVector(l.bias(), l.path());
        var a = model.activationFormat();
        int fw = frac(l.tensor()), fb = frac(l.bias());
        int exact = fw + a.fracBits() - fb;
        int shift = Math.max(0, Math.min(exact, a.totalBits() - 2));
        int wordFrac = fw + a.fracBits() - shift;
        int bits = l.bias().formatOr(model.weightFormat()).totalBits() + Math.max(0, wordFrac - fb);
        if (bits > MultiplierInventory.weightBits(model)) {
            refuse(l.range(), "linear " + l.path() + ": its bias (" + fb + " fraction bits) scaled to the embedding's products ("
                    + (fw + a.fracBits()) + ") needs " + bits + "-bit words, wider than the banks' " + MultiplierInventory.weightBits(model)
                    + " (the activations hold at most 2^" + shift + " for its column); give the embedding fewer fraction bits or the"
                    + " activations more integer bits");
        }
        return new CoreOp.TiedBias(v.tensor(), v.base(), fb, wordFrac, shift);
    }

    /** A tensor's fraction bits: its own format ('weights qI.F' on its layer) or the model's. */
    private int frac(Tensor t) {
        return t.formatOr(model.weightFormat()).fracBits();
    }

    /** A learned vector (bias, gain) in the banks: one row of {@code ⌈n/L⌉} words per lane. */
    private TensorLayout placeVector(Tensor t, String layer) {
        int segment = CoreOp.chunks((int) t.elements(), lanes);
        return place(new TensorLayout(t.path(), layer, true, 1, (int) t.elements(), romDepth, segment, 1, segment, 1, lanes));
    }

    /**
     * A linear's bias is its matrix's last column times the broadcast's 1.0 (2^Fa), so the
     * activations must hold 1.0: at least two integer bits. (The bias is in the linear's own
     * format, so 2^Fa is the whole scale: b·2^Fa is the reference's rescale(b, Fw, Fw + Fa).)
     */
    private void checkBias(LinearLayer l) {
        if (l.bias() == null || l.tied()) return;   // a tied head's column multiplies what the activations hold (tiedBias)
        var a = model.activationFormat();
        if (a.totalBits() - a.fracBits() < 2) {
            refuse(l.range(), "linear " + l.path() + ": 'bias' needs activations with at least 2 integer bits"
                    + " in hardware (activations " + a + " cannot hold the 1.0 the bias column is multiplied by); use e.g. activations q2."
                    + (a.fracBits() - 1));
        }
        if (frac(l.bias()) != frac(l.tensor())) {
            // the language gives a layer's bias its matrix's format; the column's 1.0 assumes it
            refuse(l.range(), "linear " + l.path() + ": its bias's format differs from its matrix's, which the bias column cannot scale");
        }
    }

    /** The features beyond microGPT's family the RTL builds (bit-exact and on the plan's cycles in simulation). */
    public static final java.util.Set<Features.Kind> BUILT = java.util.EnumSet.of(Features.Kind.WEIGHT_FORMAT, Features.Kind.LINEAR_BIAS,
            Features.Kind.NORM_AFFINE, Features.Kind.TIED_HEAD, Features.Kind.GELU_ERF);

    /** The uses of features the hardware generator does not build yet: emit, sim and synth refuse them on their lines. */
    public static List<Features.Use> unbuilt(Model model) {
        return Features.beyond(model, BUILT);
    }

    private void build() {
        for (Features.Use use : unbuilt(model)) {
            refuse(use.range(), use.layer() + ": " + use.feature() + " is not yet supported in hardware;"
                    + " 'bramble check', 'estimate' and 'run' work on it, 'emit', 'sim' and 'synth' do not yet");
        }
        List<Layer> top = model.layers();
        Optional<Layer> output = model.outputLayer();
        Layer before = top.size() >= 2 ? top.get(top.size() - 2) : null;
        LinearLayer logitsLinear = output.isPresent() && before instanceof LinearLayer l ? l : null;
        if (output.isEmpty()) {
            refuse("model " + model.name() + " ends without 'argmax' or 'sample'; the hardware needs one to choose its output");
        } else if (logitsLinear == null) {
            refuse("model " + model.name() + ": the layer before '" + output.get().kind()
                    + "' must be a linear (the logits) for the hardware generator");
        }
        int cur = -1;
        boolean computed = false;
        for (Layer layer : top) {
            int firstOp = ops.size();
            if (layer instanceof SampleLayer s) {
                ops.add(new CoreOp.Sample("sample", logitCount, s.temperature(),
                        MultiplierInventory.samplerTargetClocks(model, lanes, logitCount)));
            } else if (layer instanceof ArgmaxLayer) {
                ops.add(new CoreOp.Argmax("argmax", logitCount));
            } else if (layer == logitsLinear) {
                logitCount = logitsLinear.outWidth();
                checkBias(logitsLinear);
                ops.add(linear(logitsLinear, cur, -1, true));
            } else {
                cur = emit(layer, cur, false, "");
                computed = true;
            }
            sourced(firstOp, layer);
        }
        if (!computed) refuse("model " + model.name() + " computes nothing before its logits");
    }

    /** Emits the ops of {@code layer} reading row {@code src}; returns the row of its result. */
    private int emit(Layer layer, int src, boolean nested, String scope) {
        int firstOp = ops.size();
        int out = emitOps(layer, src, nested, scope);
        sourced(firstOp, layer);
        return out;
    }

    /** Ops from {@code firstOp} on whose label has no source yet come from {@code layer} (inner layers registered first). */
    private void sourced(int firstOp, Layer layer) {
        for (int i = firstOp; i < ops.size(); i++) sources.putIfAbsent(ops.get(i).layer(), layer.range());
    }

    private int emitOps(Layer layer, int src, boolean nested, String scope) {
        if (layer instanceof InputLayer in) {
            int dst = allocate(in.width());
            ops.add(new CoreOp.Input(in.path(), dst, in.width(), in.format().totalBits(), in.format().fracBits()));
            return dst;
        }
        if (layer instanceof EmbeddingLayer e) {
            TensorLayout t = place(e);
            if (e.position() && src < 0) refuse("a position embedding needs a vector before it (" + e.path() + ")");
            boolean inPlace = e.position() && src >= 0;
            int dst = inPlace ? src : allocate(e.dim());
            ops.add(new CoreOp.Embed(e.path(), t.tensor(), t.base(), e.rows(), e.dim(), inPlace, dst, frac(e.tensor())));
            return dst;
        }
        if (layer instanceof NormLayer n) {
            // At the top level the norm replaces the stream in place; inside a residual it must
            // leave the stream intact for the skip connection.
            int dst = nested ? allocate(n.width()) : src;
            // Norms have no name of their own: scope + kind + "#i", i counting every norm of the model.
            String label = scope + n.kind() + "#" + normCount++;
            ops.add(new CoreOp.Norm(label, n.normKind(), n.width(), src, dst));
            if (n.learned()) {
                List<String> tensors = new ArrayList<>();
                for (Tensor t : n.tensors()) tensors.add(placeVector(t, label).tensor());
                Tensor first = n.gain() != null ? n.gain() : n.bias();
                String what = n.gain() != null && n.bias() != null ? " gain bias" : n.gain() != null ? " gain" : " bias";
                ops.add(new CoreOp.Affine(label + what, label, tensors, n.width(), dst, n.gain() != null, n.bias() != null, frac(first)));
            }
            return dst;
        }
        if (layer instanceof LinearLayer l) {
            int dst = allocate(l.outWidth());
            checkBias(l);
            ops.add(linear(l, src, dst, false));
            return dst;
        }
        if (layer instanceof AttentionLayer a) {
            return attention(a, src, scope);
        }
        if (layer instanceof ResidualLayer r) {
            // The body's rows are dead once its result is added into the stream (src): the next
            // residual reuses them, so the scratch memories are as deep as the deepest body, not
            // as all of them (a second block costs no rows).
            int free = next;
            int body = src;
            int firstOp = ops.size();
            for (Layer child : r.children()) body = emit(child, body, true, scope);
            CoreOp last = ops.get(ops.size() - 1);
            if (ops.size() > firstOp && last instanceof CoreOp.Linear lin && lin.srcRow() != src && body == lin.dstRow()) {
                // Fold the skip connection into the last linear's write-back: no extra pass.
                ops.set(ops.size() - 1, lin.accumulatingInto(src));
                rows = rowsBeforeLast;   // its own destination rows were the last allocated, and are never written
                next = free;
                return src;
            }
            if (body == src) {
                refuse("residual at " + r.range() + " has an empty body");
                return src;
            }
            ops.add(new CoreOp.Add("residual", r.width(), body, src));
            next = free;
            return src;
        }
        if (layer instanceof BlockLayer b) {
            int cur = src;
            for (Layer child : b.children()) cur = emit(child, cur, nested, b.path() + ".");
            return cur;
        }
        refuse("the hardware generator does not support '" + layer.kind() + "' here (" + layer.path() + ")");
        return src;
    }

    /** q, k and v read the same vector: one op over their contiguous banks and rows; then the attention core and the output linear. */
    private int attention(AttentionLayer a, int src, String scope) {
        int q = allocate(a.query().outWidth());
        int k = allocate(a.key().outWidth());
        int v = allocate(a.value().outWidth());
        // one shape for the three: a bias column in each when any has a bias (zeros where none)
        boolean biased = a.query().bias() != null || a.key().bias() != null || a.value().bias() != null;
        checkBias(a.query());
        checkBias(a.key());
        checkBias(a.value());
        TensorLayout lq = place(a.query(), biased);
        TensorLayout lk = place(a.key(), biased);
        TensorLayout lv = place(a.value(), biased);
        if (lq.columnSplit() != lk.columnSplit() || lq.columnSplit() != lv.columnSplit() || lq.segment() != lk.segment()
                || lq.segment() != lv.segment() || lq.passes() != CoreOp.chunks(a.query().outWidth(), lanes)
                || lk.passes() != CoreOp.chunks(a.key().outWidth(), lanes)) {
            refuse("attention " + a.path() + ": q, k and v must have the same shape for the hardware generator");
        }
        int passes = lq.passes() + lk.passes() + lv.passes();
        ops.add(new CoreOp.Linear(a.path() + " q k v", lq.layer(), List.of(lq.tensor(), lk.tensor(), lv.tensor()), lq.base(),
                a.query().inWidth(), passes, lq.segment(), lq.columnSplit(), lq.rowLanes(), passes * lq.rowLanes(), Activation.NONE,
                src, q, false, false, false, List.of(frac(a.query().tensor()), frac(a.key().tensor()), frac(a.value().tensor())), biased, false, null));
        int att = allocate(a.attentionWidth());
        attentions.add(a);
        cores = AttentionCore.of(attentions);
        int unit = AttentionCore.unitOf(cores, a.path());
        ops.add(new CoreOp.Attention(a.path(), a, unit, cores.get(unit).block(a.path()), q, k, v, att, scalarStages));
        return emit(a.output(), att, true, scope);
    }
}
