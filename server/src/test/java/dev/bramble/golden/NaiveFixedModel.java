package dev.bramble.golden;

import dev.bramble.lang.model.FixedFormat;
import dev.bramble.lang.model.Activation;
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
import dev.bramble.lang.model.ArgmaxLayer;
import dev.bramble.weights.ModelWeights;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately naive second implementation of docs/numerics.md, written from the document and
 * not from FixedMath: BigInteger everywhere (so nothing can overflow or wrap), tables rebuilt
 * from their formulas, attention recomputed from plain lists. Slow and obvious on purpose.
 */
final class NaiveFixedModel {
    private final Model model;
    private final ModelWeights weights;
    private final int fa, na, fw, nw;
    private final Map<AttentionLayer, List<BigInteger[]>> keys = new HashMap<>();
    private final Map<AttentionLayer, List<BigInteger[]>> values = new HashMap<>();

    static final long[] RSQRT = new long[96], RECIP = new long[64], EXP_HI = new long[256], EXP_LO = new long[64], GELU = new long[257];

    static {
        for (int k = 0; k < 96; k++) RSQRT[k] = roundHalfUp(Math.pow(2, 15) / StrictMath.sqrt((k + 32 + 0.5) / 32));
        for (int k = 0; k < 64; k++) RECIP[k] = roundHalfUp(Math.pow(2, 21) / (k + 64.5));
        for (int h = 0; h < 256; h++) EXP_HI[h] = roundHalfUp(Math.pow(2, 15) * StrictMath.exp(-h / 16.0));
        for (int l = 0; l < 64; l++) EXP_LO[l] = roundHalfUp(Math.pow(2, 15) * StrictMath.exp(-l / 1024.0));
        for (int k = 0; k <= 256; k++) {
            double a = k / 64.0;
            GELU[k] = roundHalfUp(Math.pow(2, 16) * a * 0.5 * (1 - StrictMath.tanh(StrictMath.sqrt(2 / StrictMath.PI) * (a + 0.044715 * a * a * a))));
        }
    }

    static long roundHalfUp(double v) {
        return (long) Math.floor(v + 0.5);
    }

    NaiveFixedModel(ModelWeights weights) {
        this.model = weights.model();
        this.weights = weights;
        FixedFormat a = model.activationFormat(), w = model.weightFormat();
        fa = a.fracBits();
        na = a.totalBits();
        fw = w.fracBits();
        nw = w.totalBits();
    }

    static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    static BigInteger sat(BigInteger x, int n) {
        BigInteger max = BigInteger.ONE.shiftLeft(n - 1).subtract(BigInteger.ONE);
        BigInteger min = BigInteger.ONE.shiftLeft(n - 1).negate();
        return x.max(min).min(max);
    }

    static BigInteger rnd(BigInteger x, int s) {
        if (s > 0) return x.add(BigInteger.ONE.shiftLeft(s - 1)).shiftRight(s);
        return x.shiftLeft(-s);
    }

    BigInteger weight(String tensor, int index) {
        double v = weights.values(tensor)[index];
        return sat(big((long) Math.floor(v * Math.pow(2, fw) + 0.5)), nw);
    }

    void reset() {
        keys.clear();
        values.clear();
    }

    BigInteger[] step(int token, int position) {
        return run(model.layers(), null, token, position, model.layers());
    }

    /** A vector model: the input layer quantises to its own format, then rescales to the activations. */
    BigInteger[] classify(double[] input) {
        InputLayer in = (InputLayer) model.layers().get(0);
        FixedFormat f = in.format();
        BigInteger[] x = new BigInteger[in.width()];
        for (int j = 0; j < x.length; j++) {
            BigInteger q = sat(big((long) Math.floor(input[j] * Math.pow(2, f.fracBits()) + 0.5)), f.totalBits());
            x[j] = sat(rnd(q, f.fracBits() - fa), na);
        }
        return run(model.layers().subList(1, model.layers().size()), x, -1, 0, model.layers());
    }

    private BigInteger[] run(List<Layer> layers, BigInteger[] x, int token, int position) {
        return run(layers, x, token, position, null);
    }

    /** {@code top}: the model's top-level list when {@code layers} is (part of) it, for finding the logits layer. */
    private BigInteger[] run(List<Layer> layers, BigInteger[] x, int token, int position, List<Layer> top) {
        for (Layer layer : layers) {
            if (layer instanceof SampleLayer || layer instanceof ArgmaxLayer) break;
            boolean isLogits = top != null && layer instanceof LinearLayer l && l.activation() == Activation.NONE
                    && top.indexOf(layer) == top.size() - 2
                    && (top.get(top.size() - 1) instanceof SampleLayer || top.get(top.size() - 1) instanceof ArgmaxLayer);
            x = apply(layer, x, token, position, isLogits);
        }
        return x;
    }

    private BigInteger[] apply(Layer layer, BigInteger[] x, int token, int position, boolean logits) {
        if (layer instanceof EmbeddingLayer e) {
            BigInteger[] y = new BigInteger[e.dim()];
            int row = e.position() ? position : token;
            for (int j = 0; j < e.dim(); j++) {
                BigInteger base = e.position() ? x[j] : BigInteger.ZERO;
                y[j] = sat(base.add(rnd(weight(e.tensor().path(), row * e.dim() + j), fw - fa)), na);
            }
            return y;
        }
        if (layer instanceof NormLayer n) return norm(x, n.normKind() == NormLayer.Kind.LAYERNORM);
        if (layer instanceof LinearLayer l) return linear(l, x, logits);
        if (layer instanceof AttentionLayer a) return attention(a, x);
        if (layer instanceof ResidualLayer r) {
            BigInteger[] body = run(r.children(), x, token, position);
            BigInteger[] y = new BigInteger[x.length];
            for (int j = 0; j < x.length; j++) y[j] = sat(x[j].add(body[j]), na);
            return y;
        }
        if (layer instanceof BlockLayer b) return run(b.children(), x, token, position);
        throw new IllegalStateException(layer.kind());
    }

    private BigInteger[] linear(LinearLayer l, BigInteger[] x, boolean logits) {
        BigInteger[] y = new BigInteger[l.outWidth()];
        for (int i = 0; i < y.length; i++) {
            BigInteger acc = BigInteger.ZERO;
            for (int j = 0; j < l.inWidth(); j++) acc = acc.add(weight(l.tensor().path(), i * l.inWidth() + j).multiply(x[j]));
            BigInteger v = sat(rnd(acc, fw), logits ? 32 : na);
            if (l.activation() == Activation.RELU) v = v.max(BigInteger.ZERO);
            if (l.activation() == Activation.GELU) v = gelu(v);
            y[i] = v;
        }
        return y;
    }

    private BigInteger gelu(BigInteger x) {
        long a12 = rnd(x.abs(), fa - 12).longValueExact();
        long c16 = 0;
        if (a12 < 16384) {
            int i = (int) (a12 / 64);
            long f = a12 % 64;
            c16 = GELU[i] + rnd(big((GELU[i + 1] - GELU[i]) * f), 6).longValueExact();
        }
        return sat(x.max(BigInteger.ZERO).subtract(rnd(big(c16), 16 - fa)), na);
    }

    private BigInteger[] norm(BigInteger[] x, boolean layernorm) {
        int n = x.length;
        BigInteger[] d = x.clone();
        if (layernorm) {
            BigInteger sum = BigInteger.ZERO;
            for (BigInteger v : x) sum = sum.add(v);
            BigInteger mean = rnd(sum.multiply(big(roundHalfUp(Math.pow(2, 24) / n))), 24);
            for (int j = 0; j < n; j++) d[j] = x[j].subtract(mean);
        }
        BigInteger ss = BigInteger.ZERO;
        for (BigInteger v : d) ss = ss.add(v.multiply(v));
        long eps = Math.max(1, roundHalfUp(1e-5 * Math.pow(2, 2 * fa)));
        BigInteger v = ss.add(big((long) n * eps));
        // rsqrt: leading one, even exponent, q2.14 mantissa by truncation, table, one Newton step
        int p = v.bitLength() - 1;
        int e = p % 2 == 0 ? p : p - 1;
        long mq = (e >= 14 ? v.shiftRight(e - 14) : v.shiftLeft(14 - e)).longValueExact();
        long y0 = RSQRT[(int) (mq / 512) - 32];
        BigInteger s = rnd(big(y0 * y0), 15);
        BigInteger u = rnd(big(mq).multiply(s), 14);
        BigInteger h = big(3 * 32768).subtract(u);
        BigInteger y1 = rnd(big(y0).multiply(h), 16);
        // the gain keeps a 16-bit mantissa: k bits past 31 go to the shift
        BigInteger product = y1.multiply(big(roundHalfUp(Math.sqrt(n) * 32768)));
        int k = Math.max(0, product.bitLength() - 31);
        BigInteger gain = rnd(product, 15 + k);
        BigInteger[] y = new BigInteger[n];
        for (int j = 0; j < n; j++) y[j] = sat(rnd(d[j].multiply(gain), 15 + e / 2 - fa - k), na);
        return y;
    }

    static long expNeg(BigInteger d, int fa) {
        BigInteger limit = BigInteger.ONE.shiftLeft(fa + 4);
        long u = rnd(d.negate().min(limit), fa - 10).longValueExact();
        if (u >= 16384) return 0;
        return rnd(big(EXP_HI[(int) (u / 64)] * EXP_LO[(int) (u % 64)]), 15).longValueExact();
    }

    private BigInteger[] attention(AttentionLayer a, BigInteger[] x) {
        BigInteger[] q = linear(a.query(), x, false);
        keys.computeIfAbsent(a, k -> new ArrayList<>()).add(linear(a.key(), x, false));
        values.computeIfAbsent(a, k -> new ArrayList<>()).add(linear(a.value(), x, false));
        List<BigInteger[]> ks = keys.get(a), vs = values.get(a);
        int hd = a.headDim();
        BigInteger[] out = new BigInteger[a.attentionWidth()];
        for (int head = 0; head < a.heads(); head++) {
            int steps = ks.size();
            BigInteger[] score = new BigInteger[steps];
            for (int t = 0; t < steps; t++) {
                BigInteger raw = BigInteger.ZERO;
                for (int d = 0; d < hd; d++) raw = raw.add(q[head * hd + d].multiply(ks.get(t)[head * hd + d]));
                double root = Math.sqrt(hd);
                if (root == Math.rint(root) && Integer.bitCount((int) root) == 1) {
                    score[t] = sat(rnd(raw, fa + Integer.numberOfTrailingZeros((int) root)), 32);
                } else {
                    score[t] = sat(rnd(raw.multiply(big(roundHalfUp(65536 / Math.sqrt(hd)))), fa + 16), 32);
                }
            }
            BigInteger max = score[0];
            for (BigInteger s : score) max = max.max(s);
            long[] e = new long[steps];
            long sum = 0;
            for (int t = 0; t < steps; t++) {
                e[t] = expNeg(score[t].subtract(max), fa);
                sum += e[t];
            }
            int p = big(sum).bitLength() - 1;
            long mq = sum >> (p - 15);
            long y0 = RECIP[(int) (mq / 512) - 64];
            long t1 = rnd(big(mq * y0), 15).longValueExact();
            long y1 = rnd(big(y0 * (65536 - t1)), 15).longValueExact();
            // softmax weights in q1.15, then their weighted sum of the values, rounded by 15
            BigInteger[] weight = new BigInteger[steps];
            for (int t = 0; t < steps; t++) weight[t] = rnd(big(e[t]).multiply(big(y1)), p);
            for (int d = 0; d < hd; d++) {
                BigInteger acc = BigInteger.ZERO;
                for (int t = 0; t < steps; t++) acc = acc.add(weight[t].multiply(vs.get(t)[head * hd + d]));
                out[head * hd + d] = sat(rnd(acc, 15), na);
            }
        }
        return linear(a.output(), out, false);
    }

    /** The sampler, from the document: xorshift32 state in a long, masked to 32 bits. */
    static final class Sampler {
        long state;

        Sampler(long seed) {
            state = (seed & 0xFFFFFFFFL) ^ 0x9E3779B9L;
            if (state == 0) state = 0x9E3779B9L;
        }

        long next() {
            state ^= (state << 13) & 0xFFFFFFFFL;
            state ^= state >>> 17;
            state ^= (state << 5) & 0xFFFFFFFFL;
            return state;
        }
    }

    static int choose(BigInteger[] z, double temperature, long r, int fa) {
        long invT = Math.min(1L << 24, Math.max(1, roundHalfUp(65536 / temperature)));
        BigInteger max = z[0];
        for (BigInteger v : z) max = max.max(v);
        long[] cumulative = new long[z.length];
        long total = 0;
        for (int i = 0; i < z.length; i++) {
            BigInteger d = z[i].subtract(max).max(BigInteger.ONE.shiftLeft(fa + 7).negate());
            total += expNeg(rnd(d.multiply(big(invT)), 16), fa);
            cumulative[i] = total;
        }
        long target = big(r).multiply(big(total)).shiftRight(32).longValueExact();
        for (int i = 0; i < z.length; i++) if (cumulative[i] > target) return i;
        throw new IllegalStateException("no token");
    }

    static int argmax(BigInteger[] z) {
        int best = 0;
        for (int i = 0; i < z.length; i++) if (z[i].compareTo(z[best]) > 0) best = i;
        return best;
    }
}
