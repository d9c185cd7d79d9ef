package dev.bramble.rtl;

import dev.bramble.lang.model.Activation;
import dev.bramble.lang.model.ArgmaxLayer;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.BlockLayer;
import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.InputLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.NormLayer;
import dev.bramble.lang.model.ResidualLayer;
import dev.bramble.lang.model.SampleLayer;
import dev.bramble.project.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * The core's program for one model and lane count: the ops a token step runs, in order, and
 * where each vector lives. The emitter writes it out; {@link #cyclesAt} is the exact number of
 * cycles from the handshake that starts a step to {@code out_valid}.
 */
public final class CoreProgram {
    private final Model model;
    private final int lanes;
    private final List<CoreOp> ops = new ArrayList<>();
    private final List<String> tensors = new ArrayList<>();
    private final java.util.Map<String, Integer> romBases = new java.util.HashMap<>();
    private int romDepth;
    private final List<AttentionLayer> attentions = new ArrayList<>();
    private int rows;
    private int logitCount;
    private CoreOp output;

    private CoreProgram(Model model, int lanes) {
        this.model = model;
        this.lanes = lanes;
    }

    public static CoreProgram of(Model model, int lanes) throws UserError {
        if (lanes < 1) throw new UserError("lanes must be at least 1, found " + lanes);
        CoreProgram p = new CoreProgram(model, lanes);
        p.build();
        return p;
    }

    public Model model() { return model; }

    public int lanes() { return lanes; }

    public List<CoreOp> ops() { return List.copyOf(ops); }

    /** Tensor paths in ROM order: each lane's bank holds them one after another. */
    public List<String> tensors() { return List.copyOf(tensors); }

    /** Where a tensor starts in every lane's bank. */
    public int romBase(String tensor) { return romBases.get(tensor); }

    /** Words in each lane's bank. */
    public int romDepth() { return romDepth; }

    /** Exp units of the sampler and attention: one per head of the widest attention, at least one. */
    public int expUnits() {
        int e = 1;
        for (Layer l : model.flatLayers()) if (l instanceof AttentionLayer a) e = Math.max(e, a.heads());
        return e;
    }

    public List<AttentionLayer> attentions() { return List.copyOf(attentions); }

    /** Rows of activation registers; each row is {@code lanes} words. */
    public int rows() { return rows; }

    public int words() { return rows * lanes; }

    /** Entries of the logit registers (the vocabulary, or the output width of a vector model). */
    public int logitCount() { return logitCount; }

    public CoreOp output() { return output; }

    public boolean tokenModel() { return !(ops.get(0) instanceof CoreOp.Input); }

    /** Cycles from the step's handshake to {@code out_valid} at position {@code t}. */
    public int cyclesAt(int t) {
        int n = 0;
        for (CoreOp op : ops) n += op.cycles(lanes, t);
        return n;
    }

    /** Cycles per token averaged over the context (positions 0 .. context-1). */
    public double averageCycles() {
        int ctx = tokenModel() ? model.context() : 1;
        long sum = 0;
        for (int t = 0; t < ctx; t++) sum += cyclesAt(t);
        return (double) sum / ctx;
    }

    /**
     * Pads the last step with idle cycles so that every position takes exactly
     * {@code target(t)} cycles, where the target is affine in t (the plan's schedule). Returns
     * false, and changes nothing, when the core needs more cycles than the target at some position.
     */
    public boolean padTo(java.util.function.IntToLongFunction target) {
        int ctx = tokenModel() ? model.context() : 1;
        long p0 = target.applyAsLong(0) - cyclesAt(0);
        long p1 = ctx > 1 ? (target.applyAsLong(1) - cyclesAt(1)) - p0 : 0;
        for (int t = 0; t < ctx; t++) {
            long pad = p0 + p1 * t;
            if (pad < 0 || target.applyAsLong(t) - cyclesAt(t) != pad) return false;
        }
        CoreOp last = ops.get(ops.size() - 1);
        if (last instanceof CoreOp.Sample s) output = new CoreOp.Sample(s.label(), s.vocabulary(), s.temperature(), s.expUnits(), (int) p0, (int) p1);
        else if (last instanceof CoreOp.Argmax a) output = new CoreOp.Argmax(a.label(), a.vocabulary(), (int) p0, (int) p1);
        else return false;
        ops.set(ops.size() - 1, output);
        return true;
    }

    private int allocate(int width) {
        int start = rows;
        rows += CoreOp.chunks(width, lanes);
        return start;
    }

    /** Places a tensor in the banks (once) and returns its base address. */
    private int place(String path, int depthPerLane) {
        Integer b = romBases.get(path);
        if (b != null) return b;
        tensors.add(path);
        romBases.put(path, romDepth);
        romDepth += depthPerLane;
        return romDepth - depthPerLane;
    }

    private int place(LinearLayer l) {
        return place(l.tensor().path(), passes(l) * segment(l));
    }

    /** Column groups (the plan's rule: rows first; split columns only when a layer has fewer rows than lanes). */
    int split(LinearLayer l) {
        return dev.bramble.plan.Planner.columnSplit(l.outWidth(), l.inWidth(), lanes);
    }

    int passes(LinearLayer l) {
        return CoreOp.chunks(l.outWidth(), lanes / split(l));
    }

    int segment(LinearLayer l) {
        return CoreOp.chunks(l.inWidth(), split(l));
    }

    private CoreOp.Linear linear(LinearLayer l, int src, int dst, boolean logits) {
        int base = place(l);
        return new CoreOp.Linear(l.path(), List.of(l.tensor().path()), base, l.inWidth(), passes(l), segment(l), split(l), lanes / split(l),
                l.outWidth(), l.activation(), src, dst, false, logits, logits && l.activation() == Activation.NONE);
    }

    private void build() throws UserError {
        List<Layer> top = model.layers();
        if (model.outputLayer().isEmpty()) {
            throw new UserError("model " + model.name() + " ends without 'argmax' or 'sample'; the hardware needs one to choose its output");
        }
        Layer before = top.size() >= 2 ? top.get(top.size() - 2) : null;
        if (!(before instanceof LinearLayer logitsLinear)) {
            throw new UserError("model " + model.name() + ": the layer before '" + model.outputLayer().get().kind()
                    + "' must be a linear (the logits) for the hardware generator");
        }
        int cur = -1;
        int width = 0;
        for (Layer layer : top) {
            if (layer instanceof SampleLayer s) {
                output = new CoreOp.Sample("sample", logitCount, s.temperature(), expUnits(), 0, 0);
                ops.add(output);
            } else if (layer instanceof ArgmaxLayer) {
                output = new CoreOp.Argmax("argmax", logitCount, 0, 0);
                ops.add(output);
            } else if (layer == logitsLinear) {
                logitCount = logitsLinear.outWidth();
                ops.add(linear(logitsLinear, cur, -1, true));
            } else {
                cur = emit(layer, cur, false);
                width = layer.outWidth();
            }
        }
        if (width == 0 && cur < 0) throw new UserError("model " + model.name() + " computes nothing before its logits");
    }

    /** Emits the ops of {@code layer} reading row {@code src}; returns the row of its result. {@code inPlace}: may overwrite src. */
    private int emit(Layer layer, int src, boolean nested) throws UserError {
        if (layer instanceof InputLayer in) {
            int dst = allocate(in.width());
            ops.add(new CoreOp.Input(in.path(), dst, in.width(), in.format().totalBits(), in.format().fracBits()));
            return dst;
        }
        if (layer instanceof EmbeddingLayer e) {
            if (e.position()) {
                if (src < 0) throw new UserError("a position embedding needs a vector before it (" + e.path() + ")");
                ops.add(new CoreOp.Embed(e.path(), e.tensor().path(), place(e.tensor().path(), e.rows() * CoreOp.chunks(e.dim(), lanes)),
                        e.rows(), e.dim(), true, src));
                return src;
            }
            int dst = allocate(e.dim());
            ops.add(new CoreOp.Embed(e.path(), e.tensor().path(), place(e.tensor().path(), e.rows() * CoreOp.chunks(e.dim(), lanes)),
                    e.rows(), e.dim(), false, dst));
            return dst;
        }
        if (layer instanceof NormLayer n) {
            // At the top level the norm replaces the stream in place; inside a residual it must
            // leave the stream intact for the skip connection.
            int dst = nested ? allocate(n.width()) : src;
            ops.add(new CoreOp.Norm(n.path(), n.normKind(), n.width(), src, dst));
            return dst;
        }
        if (layer instanceof LinearLayer l) {
            int dst = allocate(l.outWidth());
            ops.add(linear(l, src, dst, false));
            return dst;
        }
        if (layer instanceof AttentionLayer a) {
            // q, k and v read the same vector: one op over their contiguous banks and rows.
            int q = allocate(a.query().outWidth());
            int k = allocate(a.key().outWidth());
            int v = allocate(a.value().outWidth());
            int base = place(a.query());
            place(a.key());
            place(a.value());
            int passes = passes(a.query()) + passes(a.key()) + passes(a.value());
            int split = split(a.query());
            if (split != split(a.key()) || split != split(a.value()) || segment(a.query()) != segment(a.key()) || segment(a.query()) != segment(a.value())
                    || passes(a.query()) != CoreOp.chunks(a.query().outWidth(), lanes) || passes(a.key()) != CoreOp.chunks(a.key().outWidth(), lanes)) {
                throw new UserError("attention " + a.path() + ": q, k and v must have the same shape for the hardware generator");
            }
            ops.add(new CoreOp.Linear(a.path() + " q k v", List.of(a.query().tensor().path(), a.key().tensor().path(), a.value().tensor().path()),
                    base, a.query().inWidth(), passes, segment(a.query()), split, lanes / split, passes * (lanes / split), Activation.NONE,
                    src, q, false, false, false));
            int att = allocate(a.attentionWidth());
            attentions.add(a);
            ops.add(new CoreOp.Attention(a.path(), a, attentions.size() - 1, q, k, v, att));
            return emit(a.output(), att, true);
        }
        if (layer instanceof ResidualLayer r) {
            int body = src;
            int firstOp = ops.size();
            for (Layer child : r.children()) body = emit(child, body, true);
            CoreOp last = ops.get(ops.size() - 1);
            if (ops.size() > firstOp && last instanceof CoreOp.Linear lin && lin.srcRow() != src && body == lin.dstRow()) {
                // Fold the skip connection into the last linear's write-back: no extra pass.
                ops.set(ops.size() - 1, new CoreOp.Linear(lin.label(), lin.tensors(), lin.romBase(), lin.in(), lin.passes(), lin.segment(),
                        lin.split(), lin.rowLanes(), lin.writeWidth(), lin.activation(), lin.srcRow(), src, true, false, false));
                rows -= CoreOp.chunks(lin.writeWidth(), lanes); // its own destination rows were the last allocated
                return src;
            }
            if (body == src) throw new UserError("residual at " + r.range() + " has an empty body");
            ops.add(new CoreOp.Add("residual", r.width(), body, src));
            return src;
        }
        if (layer instanceof BlockLayer b) {
            int cur = src;
            for (Layer child : b.children()) cur = emit(child, cur, nested);
            return cur;
        }
        throw new UserError("the hardware generator does not support '" + layer.kind() + "' here (" + layer.path() + ")");
    }
}
