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

    /** Tensor paths in ROM order (the index ops refer to). */
    public List<String> tensors() { return List.copyOf(tensors); }

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

    private int allocate(int width) {
        int start = rows;
        rows += CoreOp.chunks(width, lanes);
        return start;
    }

    private int tensor(String path) {
        int i = tensors.indexOf(path);
        if (i >= 0) return i;
        tensors.add(path);
        return tensors.size() - 1;
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
                output = new CoreOp.Sample("sample", logitCount, s.temperature());
                ops.add(output);
            } else if (layer instanceof ArgmaxLayer) {
                output = new CoreOp.Argmax("argmax", logitCount);
                ops.add(output);
            } else if (layer == logitsLinear) {
                logitCount = logitsLinear.outWidth();
                ops.add(new CoreOp.Linear(logitsLinear.path(), logitsLinear.tensor().path(), tensor(logitsLinear.tensor().path()),
                        logitsLinear.inWidth(), logitsLinear.outWidth(), logitsLinear.activation(), cur, -1, false, true,
                        logitsLinear.activation() == Activation.NONE));
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
                ops.add(new CoreOp.Embed(e.path(), e.tensor().path(), tensor(e.tensor().path()), e.rows(), e.dim(), true, src));
                return src;
            }
            int dst = allocate(e.dim());
            ops.add(new CoreOp.Embed(e.path(), e.tensor().path(), tensor(e.tensor().path()), e.rows(), e.dim(), false, dst));
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
            ops.add(new CoreOp.Linear(l.path(), l.tensor().path(), tensor(l.tensor().path()), l.inWidth(), l.outWidth(),
                    l.activation(), src, dst, false, false, false));
            return dst;
        }
        if (layer instanceof AttentionLayer a) {
            int q = emit(a.query(), src, true);
            int k = emit(a.key(), src, true);
            int v = emit(a.value(), src, true);
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
                ops.set(ops.size() - 1, new CoreOp.Linear(lin.label(), lin.tensor(), lin.tensorIndex(), lin.in(), lin.out(),
                        lin.activation(), lin.srcRow(), src, true, false, false));
                rows -= CoreOp.chunks(lin.out(), lanes); // its own destination rows were the last allocated
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
