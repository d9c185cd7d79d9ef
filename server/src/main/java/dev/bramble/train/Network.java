package dev.bramble.train;

import dev.bramble.lang.source.Range;
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
import dev.bramble.lang.model.TokenSet;
import dev.bramble.errors.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * A described model as a trainable float network: forward over a token sequence to the
 * logits, cross-entropy against the next tokens, and backpropagation through every layer
 * kind into {@link Parameters#grads()}. The math is the reference model's double back end
 * (microGPT's), computed layer by layer over all positions at once.
 *
 * <p>Everything is preallocated for the model's context: a step allocates nothing.
 */
public final class Network {
    private final Model model;
    private final Parameters parameters;
    private final Buffers buffers;
    private final List<Op> ops;
    private final Buffer logits;
    private final int context;
    private final int vocabulary;

    private Network(Model model, Parameters parameters, Buffers buffers, List<Op> ops, int context) {
        this.model = model;
        this.parameters = parameters;
        this.buffers = buffers;
        this.ops = List.copyOf(ops);
        this.logits = ops.get(ops.size() - 1).output();
        this.context = context;
        this.vocabulary = logits.width;
    }

    /**
     * Builds the network of a character-level language model. {@code sourceName} names the
     * .bramble file in error messages. Throws a {@link UserError} naming the line when the model
     * cannot be trained as one (an input-vector model, no {@code tokens ... bos}).
     */
    public static Network compile(Model model, String sourceName) throws UserError {
        TokenSet tokens = model.tokens();
        if (!model.layers().isEmpty() && model.layers().get(0) instanceof InputLayer input) {
            throw new UserError(where(sourceName, input.range()) + "model " + model.name()
                    + " reads an input vector (input " + input.path() + " [" + input.width() + "]); bramble train"
                    + " trains character-level language models (a token embedding first, tokens \"...\" bos) only;"
                    + " train this model elsewhere and load its weights with a weights \"FILE\" line");
        }
        if (model.layers().isEmpty() || !(model.layers().get(0) instanceof EmbeddingLayer first) || first.position()) {
            throw new UserError(where(sourceName, model.nameRange()) + "model " + model.name()
                    + " does not start with a token embedding (embedding NAME [vocab, dim]); bramble train needs one");
        }
        if (tokens == null) {
            throw new UserError(where(sourceName, model.nameRange()) + "model " + model.name()
                    + " has no tokens line; add tokens \"CHARSET\" bos so training text can be turned into tokens");
        }
        if (!tokens.bos()) {
            throw new UserError(where(sourceName, tokens.range()) + "the tokens line has no bos; add bos"
                    + " (training puts BOS around every document so the model learns where names start and end)");
        }
        // Training writes its weights under the tensors' own paths: a checkpoint layout cannot be written back.
        if (model.weights() instanceof dev.bramble.lang.model.WeightsSource.File f && f.keys() != null) {
            throw new UserError(where(sourceName, f.range()) + "model " + model.name() + " reads a " + f.keys() + " checkpoint ('keys "
                    + f.keys() + "'); bramble train writes Bramble's own keys, so drop 'keys " + f.keys() + "' to train it here");
        }
        for (dev.bramble.lang.model.Tensor t : model.tensors()) {
            if (t.source() != null) {
                throw new UserError(where(sourceName, t.range()) + "'" + t.path() + "' is read from checkpoint key " + t.source().describe()
                        + "; bramble train writes Bramble's own keys, so drop 'from' to train it here");
            }
        }
        int context = model.context();
        long bytes = memoryEstimate(model, context);
        long available = Runtime.getRuntime().maxMemory();
        if (bytes > available / 2) {
            throw new UserError(where(sourceName, model.nameRange()) + "model " + model.name() + " needs about "
                    + (bytes >> 20) + " MiB to train (weights, gradients, Adam state and activations for a context of "
                    + context + "), more than half of the " + (available >> 20) + " MiB this JVM may use;"
                    + " give Java more memory (JAVA_TOOL_OPTIONS=-Xmx...) or train a smaller model");
        }
        Parameters parameters = new Parameters(model);
        Buffers buffers = new Buffers(context);
        List<Op> ops = new ArrayList<>();
        Buffer last = compileLayers(model.layers(), buffers.create(0), parameters, buffers, ops);
        if (last.width != tokens.size()) {
            throw new UserError(where(sourceName, model.range()) + "the last layer gives " + last.width
                    + " values, but the tokens line names " + tokens.size() + " tokens; the model must end with logits over the tokens");
        }
        return new Network(model, parameters, buffers, ops, context);
    }

    /** Bytes for weights, gradients and Adam's two moments, plus every layer's activations and gradients. */
    static long memoryEstimate(Model model, int context) {
        long doubles = 4 * model.parameterCount();
        for (Layer layer : model.flatLayers()) {
            doubles += 4L * context * Math.max(layer.outWidth(), 0); // value, gradient, pre-activation pair
            if (layer instanceof AttentionLayer a) doubles += (long) a.heads() * context * context;
        }
        return 8 * doubles;
    }

    private static String where(String sourceName, Range range) {
        return range == null ? sourceName + ": " : sourceName + ":" + (range.start().line() + 1) + ": ";
    }

    /** Appends the ops of {@code layers} to {@code out}, starting from {@code in}; returns the last output. */
    private static Buffer compileLayers(List<Layer> layers, Buffer in, Parameters p, Buffers buffers, List<Op> out) {
        Buffer x = in;
        for (Layer layer : layers) {
            if (layer instanceof BlockLayer b) {
                x = compileLayers(b.children(), x, p, buffers, out); // a block only names its children
            } else if (!(layer instanceof SampleLayer || layer instanceof ArgmaxLayer)) {
                // how a token is chosen does not change the logits the loss is taken on
                Op op = compileLayer(layer, x, p, buffers);
                out.add(op);
                x = op.output();
            }
        }
        return x;
    }

    private static Op compileLayer(Layer layer, Buffer x, Parameters p, Buffers buffers) {
        if (layer instanceof EmbeddingLayer e) {
            int offset = p.slot(e.tensor().path()).offset();
            return e.position() ? new PositionEmbeddingOp(p, offset, x, buffers)
                    : new TokenEmbeddingOp(p, offset, e.rows(), e.dim(), buffers);
        }
        if (layer instanceof NormLayer n) {
            return new NormOp(n.normKind() == NormLayer.Kind.LAYERNORM, x, buffers, p,
                    n.gain() == null ? -1 : p.slot(n.gain().path()).offset(), n.bias() == null ? -1 : p.slot(n.bias().path()).offset());
        }
        if (layer instanceof LinearLayer l) {
            return linear(l, x, p, buffers);
        }
        if (layer instanceof AttentionLayer a) {
            LinearOp q = linear(a.query(), x, p, buffers);
            LinearOp k = linear(a.key(), x, p, buffers);
            LinearOp v = linear(a.value(), x, p, buffers);
            Buffer mixed = buffers.create(a.attentionWidth());
            LinearOp o = linear(a.output(), mixed, p, buffers);
            return new AttentionOp(a.heads(), q, k, v, mixed, o, buffers);
        }
        if (layer instanceof ResidualLayer r) {
            List<Op> body = new ArrayList<>();
            compileLayers(r.children(), x, p, buffers, body);
            return new ResidualOp(x, body, buffers);
        }
        throw new IllegalStateException("no training semantics for layer " + layer.kind());
    }

    private static LinearOp linear(LinearLayer l, Buffer x, Parameters p, Buffers buffers) {
        return new LinearOp(p, p.slot(l.tensor().path()).offset(), l.bias() == null ? -1 : p.slot(l.bias().path()).offset(),
                l.inWidth(), l.outWidth(), l.activation(), x, buffers);
    }

    public Model model() {
        return model;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** The longest sequence one forward pass takes: the model's context. */
    public int context() {
        return context;
    }

    public int vocabulary() {
        return vocabulary;
    }

    /** Runs positions 0..positions-1 with inputs {@code tokens[0..positions-1]}; logits land in {@link #logits}. */
    public void forward(int[] tokens, int positions) {
        check(tokens, positions);
        for (Op op : ops) op.forward(tokens, positions);
    }

    /** The logit of token {@code i} at position {@code t} after {@link #forward}. */
    public double logit(int t, int i) {
        return logits.value[t * vocabulary + i];
    }

    /**
     * Forward pass and the summed cross-entropy (nats) of predicting {@code tokens[t + 1]} at
     * each position t < positions. {@code tokens} needs positions + 1 entries.
     */
    public double loss(int[] tokens, int positions) {
        forward(tokens, positions);
        double total = 0;
        double[] z = logits.value;
        int v = vocabulary;
        for (int t = 0; t < positions; t++) {
            int at = t * v;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < v; i++) max = Math.max(max, z[at + i]);
            double sum = 0;
            for (int i = 0; i < v; i++) sum += StrictMath.exp(z[at + i] - max);
            total += max + StrictMath.log(sum) - z[at + tokens[t + 1]];
        }
        return total;
    }

    /**
     * After {@link #loss}: adds {@code weight · d(loss)/d(weights)} to the parameter gradients
     * (weight 1/positions gives the gradient of the mean loss, as microGPT takes it).
     */
    public void backward(int[] tokens, int positions, double weight) {
        buffers.clearGrads(positions);
        double[] z = logits.value;
        double[] g = logits.grad;
        int v = vocabulary;
        for (int t = 0; t < positions; t++) {
            int at = t * v;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < v; i++) max = Math.max(max, z[at + i]);
            double sum = 0;
            for (int i = 0; i < v; i++) {
                double e = StrictMath.exp(z[at + i] - max);
                g[at + i] = e;
                sum += e;
            }
            double scale = weight / sum;
            for (int i = 0; i < v; i++) g[at + i] *= scale;
            g[at + tokens[t + 1]] -= weight;
        }
        for (int i = ops.size() - 1; i >= 0; i--) ops.get(i).backward(tokens, positions);
    }

    /** Backward from an arbitrary gradient on the logits (for gradient checks of a non-CE objective). */
    void backwardFromLogits(int[] tokens, int positions, double[] logitGrad) {
        buffers.clearGrads(positions);
        System.arraycopy(logitGrad, 0, logits.grad, 0, positions * vocabulary);
        for (int i = ops.size() - 1; i >= 0; i--) ops.get(i).backward(tokens, positions);
    }

    private void check(int[] tokens, int positions) {
        if (positions < 1 || positions > context) {
            throw new IllegalArgumentException("positions " + positions + " outside 1.." + context);
        }
        if (tokens.length < positions) throw new IllegalArgumentException("fewer tokens than positions");
    }
}
