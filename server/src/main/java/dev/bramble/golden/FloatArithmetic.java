package dev.bramble.golden;

import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.InputLayer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.NormLayer;
import dev.bramble.weights.ModelWeights;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The float model: the same math as Karpathy's microGPT in {@code double}. rmsnorm
 * {@code x / sqrt(mean(x²) + 1e-5)}, layernorm {@code (x - mean) / sqrt(var + 1e-5)}, linear
 * {@code W x + b}, learned norm gain and bias, causal multi-head attention with scores {@code q·k / sqrt(hd)} and a max-subtracted
 * softmax, ReLU, GELU (tanh form, or erf form: {@code gelu erf}), residual adds. Static helpers are the pure functions (a
 * training back end reuses them); the instance holds weights and KV caches.
 */
public final class FloatArithmetic implements Arithmetic<double[]> {
    public static final double NORM_EPSILON = 1e-5;

    private final ModelWeights weights;
    private final Map<AttentionLayer, AttentionCache> caches = new IdentityHashMap<>();

    /** Keys and values seen so far by one attention layer, and the last step's softmax weights per head. */
    public static final class AttentionCache {
        public final List<double[]> keys = new ArrayList<>();
        public final List<double[]> values = new ArrayList<>();
        public double[][] lastWeights;
    }

    public FloatArithmetic(ModelWeights weights) {
        this.weights = weights;
    }

    public AttentionCache cache(AttentionLayer layer) {
        return caches.computeIfAbsent(layer, l -> new AttentionCache());
    }

    @Override
    public double[] input(InputLayer layer, double[] input) {
        return input.clone();
    }

    @Override
    public double[] tokenEmbedding(EmbeddingLayer layer, int token) {
        double[] table = weights.values(layer.tensor().path());
        double[] x = new double[layer.dim()];
        System.arraycopy(table, token * layer.dim(), x, 0, layer.dim());
        return x;
    }

    @Override
    public double[] positionEmbedding(EmbeddingLayer layer, double[] x, int position) {
        double[] table = weights.values(layer.tensor().path());
        double[] y = new double[layer.dim()];
        for (int j = 0; j < y.length; j++) y[j] = (x == null ? 0 : x[j]) + table[position * layer.dim() + j];
        return y;
    }

    @Override
    public double[] norm(NormLayer layer, double[] x) {
        double[] y = layer.normKind() == NormLayer.Kind.RMSNORM ? rmsnorm(x) : layernorm(x);
        if (layer.gain() != null) {
            double[] g = weights.values(layer.gain().path());
            for (int j = 0; j < y.length; j++) y[j] *= g[j];
        }
        if (layer.bias() != null) {
            double[] b = weights.values(layer.bias().path());
            for (int j = 0; j < y.length; j++) y[j] += b[j];
        }
        return y;
    }

    public static double[] rmsnorm(double[] x) {
        double ms = 0;
        for (double v : x) ms += v * v;
        ms /= x.length;
        double scale = 1 / Math.sqrt(ms + NORM_EPSILON);
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) y[j] = x[j] * scale;
        return y;
    }

    public static double[] layernorm(double[] x) {
        double mean = 0;
        for (double v : x) mean += v;
        mean /= x.length;
        double var = 0;
        for (double v : x) var += (v - mean) * (v - mean);
        var /= x.length;
        double scale = 1 / Math.sqrt(var + NORM_EPSILON);
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) y[j] = (x[j] - mean) * scale;
        return y;
    }

    @Override
    public double[] linear(LinearLayer layer, double[] x, boolean logits) {
        double[] y = matVec(weights.values(layer.tensor().path()), layer.outWidth(), layer.inWidth(), x);
        if (layer.bias() != null) {
            double[] b = weights.values(layer.bias().path());
            for (int i = 0; i < y.length; i++) y[i] += b[i];
        }
        switch (layer.activation()) {
            case RELU -> { for (int i = 0; i < y.length; i++) y[i] = Math.max(0, y[i]); }
            case GELU -> { for (int i = 0; i < y.length; i++) y[i] = gelu(y[i]); }
            case GELU_ERF -> { for (int i = 0; i < y.length; i++) y[i] = geluErf(y[i]); }
            case NONE -> { }
        }
        return y;
    }

    /** y = W x with W row-major [rows, cols]. */
    public static double[] matVec(double[] w, int rows, int cols, double[] x) {
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            double acc = 0;
            for (int j = 0; j < cols; j++) acc += w[i * cols + j] * x[j];
            y[i] = acc;
        }
        return y;
    }

    /** GELU, tanh form: {@code 0.5 x (1 + tanh(√(2/π)(x + 0.044715 x³)))}. */
    public static double gelu(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    /** GELU, erf form (PyTorch's default {@code nn.GELU()}): {@code 0.5 x (1 + erf(x/√2))}. */
    public static double geluErf(double x) {
        return 0.5 * x * (1 + dev.bramble.numerics.FixedMath.erf(x / Math.sqrt(2)));
    }

    @Override
    public double[] attention(AttentionLayer layer, double[] x, int position) {
        double[] q = linear(layer.query(), x, false);
        double[] k = linear(layer.key(), x, false);
        double[] v = linear(layer.value(), x, false);
        AttentionCache cache = cache(layer);
        cache.keys.add(k);
        cache.values.add(v);
        int hd = layer.headDim();
        int steps = cache.keys.size();
        double[] out = new double[layer.attentionWidth()];
        cache.lastWeights = new double[layer.heads()][];
        for (int h = 0; h < layer.heads(); h++) {
            double[] scores = new double[steps];
            for (int t = 0; t < steps; t++) {
                double dot = 0;
                for (int d = 0; d < hd; d++) dot += q[h * hd + d] * cache.keys.get(t)[h * hd + d];
                scores[t] = dot / Math.sqrt(hd);
            }
            double[] w = softmax(scores);
            cache.lastWeights[h] = w;
            for (int d = 0; d < hd; d++) {
                double acc = 0;
                for (int t = 0; t < steps; t++) acc += w[t] * cache.values.get(t)[h * hd + d];
                out[h * hd + d] = acc;
            }
        }
        return linear(layer.output(), out, false);
    }

    public static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) max = Math.max(max, v);
        double[] e = new double[z.length];
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < z.length; i++) e[i] /= sum;
        return e;
    }

    @Override
    public double[] add(double[] x, double[] body) {
        double[] y = new double[x.length];
        for (int j = 0; j < y.length; j++) y[j] = x[j] + body[j];
        return y;
    }

    @Override
    public void reset() {
        caches.clear();
    }

    @Override
    public double[] toDouble(double[] x) {
        return x.clone();
    }
}
