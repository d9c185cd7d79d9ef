package dev.bramble.golden;

import dev.bramble.numerics.FixedMath;
import dev.bramble.lang.model.FixedFormat;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.InputLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.NormLayer;
import dev.bramble.errors.UserError;
import dev.bramble.weights.ModelWeights;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed-point model: every layer exactly as docs/numerics.md defines it, through
 * {@link FixedMath}. Vectors are activation integers (units 2^-Fa); the logits layer's output
 * is 32-bit. Pure integer arithmetic: no float value touches a result.
 */
public final class FixedArithmetic implements Arithmetic<long[]> {
    private final ModelWeights weights;
    private final int fa;
    private final int na;
    private final FixedFormat defaultWeights;
    private final Map<String, int[]> quantized = new HashMap<>();
    private final Map<AttentionLayer, List<long[][]>> caches = new IdentityHashMap<>();

    public FixedArithmetic(ModelWeights weights) throws UserError {
        this.weights = weights;
        Model model = weights.model();
        this.fa = model.activationFormat().fracBits();
        this.na = model.activationFormat().totalBits();
        this.defaultWeights = model.weightFormat();
        checkWidths(model);
    }

    /** numerics.md §4: every accumulator must fit the 63 bits of a Java long. */
    static void checkWidths(Model model) throws UserError {
        FixedFormat a = model.activationFormat();
        FixedFormat w = widestWeights(model);
        int maxWidth = 1;
        for (Layer l : model.flatLayers()) maxWidth = Math.max(maxWidth, Math.max(l.inWidth(), l.outWidth()));
        int need = Math.max(w.totalBits() + a.totalBits() + FixedMath.ceilLog2(maxWidth),
                Math.max(a.totalBits() + 33 + FixedMath.ceilLog2(model.context()), 2 * a.totalBits() + 1 + FixedMath.ceilLog2(maxWidth)));
        if (need > 63) {
            throw new UserError("the fixed-point model needs " + need + "-bit accumulators for weights " + w + " and activations " + a
                    + " (at most 63 supported); use narrower formats, e.g. activations q4.12");
        }
    }

    /** The widest weight format of the model's tensors (each layer may have its own). */
    static FixedFormat widestWeights(Model model) {
        FixedFormat w = model.weightFormat();
        for (dev.bramble.lang.model.Tensor t : model.tensors()) {
            FixedFormat f = t.formatOr(w);
            if (f.totalBits() > w.totalBits()) w = f;
        }
        return w;
    }

    /** Fraction bits of a tensor's format. */
    private int frac(dev.bramble.lang.model.Tensor t) {
        return t.formatOr(defaultWeights).fracBits();
    }

    private int[] w(String path) {
        return quantized.computeIfAbsent(path, weights::quantized);
    }

    /** The caches of one attention layer: per position {key, value}. */
    public List<long[][]> cache(AttentionLayer layer) {
        return caches.computeIfAbsent(layer, l -> new ArrayList<>());
    }

    @Override
    public long[] input(InputLayer layer, double[] input) {
        FixedFormat f = layer.format();
        long[] x = new long[layer.width()];
        for (int j = 0; j < x.length; j++) {
            long q = FixedMath.quantize(input[j], f.fracBits(), f.totalBits());
            x[j] = FixedMath.sat(FixedMath.rescale(q, f.fracBits(), fa), na);
        }
        return x;
    }

    @Override
    public long[] tokenEmbedding(EmbeddingLayer layer, int token) {
        int[] table = w(layer.tensor().path());
        int fw = frac(layer.tensor());
        long[] x = new long[layer.dim()];
        for (int j = 0; j < x.length; j++) x[j] = FixedMath.sat(FixedMath.rescale(table[token * layer.dim() + j], fw, fa), na);
        return x;
    }

    @Override
    public long[] positionEmbedding(EmbeddingLayer layer, long[] x, int position) {
        int[] table = w(layer.tensor().path());
        int fw = frac(layer.tensor());
        long[] y = new long[layer.dim()];
        for (int j = 0; j < y.length; j++) {
            y[j] = FixedMath.sat((x == null ? 0 : x[j]) + FixedMath.rescale(table[position * layer.dim() + j], fw, fa), na);
        }
        return y;
    }

    @Override
    public long[] norm(NormLayer layer, long[] x) {
        long[] y = new long[x.length];
        if (layer.normKind() == NormLayer.Kind.RMSNORM) FixedMath.rmsnorm(x, y, fa, na);
        else FixedMath.layernorm(x, y, fa, na);
        if (layer.learned()) {
            dev.bramble.lang.model.Tensor t = layer.gain() != null ? layer.gain() : layer.bias();
            int fg = frac(t);
            int[] g = layer.gain() != null ? w(layer.gain().path()) : null;
            int[] b = layer.bias() != null ? w(layer.bias().path()) : null;
            for (int j = 0; j < y.length; j++) {
                y[j] = FixedMath.affine(y[j], g != null ? g[j] : 1L << fg, b != null ? b[j] : 0, fg, fa, na);
            }
        }
        return y;
    }

    @Override
    public long[] linear(LinearLayer layer, long[] x, boolean logits) {
        int[] wt = w(layer.tensor().path());
        int fw = frac(layer.tensor());
        int[] bias = layer.bias() != null ? w(layer.bias().path()) : null;
        int in = layer.inWidth();
        int outBits = logits ? 32 : na;
        long[] y = new long[layer.outWidth()];
        for (int i = 0; i < y.length; i++) {
            long acc = FixedMath.dot(wt, i * in, x, in);
            // The bias is in the layer's own format (a tied head's: the linear's, not the embedding's).
            if (bias != null) acc += FixedMath.rescale(bias[i], frac(layer.bias()), fw + fa);
            long v = FixedMath.linearOut(acc, fw, outBits);
            y[i] = switch (layer.activation()) {
                case NONE -> v;
                case RELU -> FixedMath.relu(v);
                case GELU -> FixedMath.gelu(v, fa, na);
                case GELU_ERF -> FixedMath.geluErf(v, fa, na);
            };
        }
        return y;
    }

    @Override
    public long[] attention(AttentionLayer layer, long[] x, int position) {
        long[] q = linear(layer.query(), x, false);
        long[] k = linear(layer.key(), x, false);
        long[] v = linear(layer.value(), x, false);
        List<long[][]> cache = cache(layer);
        cache.add(new long[][] {k, v});
        int hd = layer.headDim();
        int steps = cache.size();
        long[] out = new long[layer.attentionWidth()];
        long[] scores = new long[steps];
        long[] e = new long[steps];
        for (int h = 0; h < layer.heads(); h++) {
            long max = Long.MIN_VALUE;
            for (int t = 0; t < steps; t++) {
                long raw = 0;
                long[] kt = cache.get(t)[0];
                for (int d = 0; d < hd; d++) raw += q[h * hd + d] * kt[h * hd + d];
                scores[t] = FixedMath.attentionScore(raw, hd, fa);
                max = Math.max(max, scores[t]);
            }
            long sum = 0;
            for (int t = 0; t < steps; t++) {
                e[t] = FixedMath.expNeg(scores[t] - max, fa);
                sum += e[t];
            }
            long recip = FixedMath.recip(sum);
            for (int t = 0; t < steps; t++) e[t] = FixedMath.attentionWeight(e[t], recip);
            for (int d = 0; d < hd; d++) {
                long acc = 0;
                for (int t = 0; t < steps; t++) acc += e[t] * cache.get(t)[1][h * hd + d];
                out[h * hd + d] = FixedMath.attentionOutput(acc, na);
            }
        }
        return linear(layer.output(), out, false);
    }

    @Override
    public long[] add(long[] x, long[] body) {
        long[] y = new long[x.length];
        for (int j = 0; j < y.length; j++) y[j] = FixedMath.sat(x[j] + body[j], na);
        return y;
    }

    @Override
    public void reset() {
        caches.clear();
    }

    @Override
    public double[] toDouble(long[] x) {
        double[] y = new double[x.length];
        for (int j = 0; j < y.length; j++) y[j] = Math.scalb((double) x[j], -fa);
        return y;
    }
}
