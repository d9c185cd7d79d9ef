package dev.bramble.train;

import dev.bramble.lang.model.Activation;

/**
 * {@code linear W [in -> out] act [bias]}: y = act(W x + b), W stored [out, in] (a tied head's W
 * is its embedding's table: the same slot, so both uses add to its gradient).
 */
final class LinearOp implements Op {
    /** √(2/π), the tanh-GELU constant. */
    static final double GELU_K = Math.sqrt(2.0 / Math.PI);
    static final double GELU_C = 0.044715;

    private final Parameters p;
    private final int offset;
    /** The bias's slot offset, or −1 without a bias. */
    private final int biasOffset;
    private final int inWidth;
    private final int outWidth;
    private final Activation activation;
    private final Buffer in;
    /** Before the activation; the same buffer as {@link #out} when there is none. */
    private final Buffer pre;
    private final Buffer out;

    LinearOp(Parameters p, int offset, int inWidth, int outWidth, Activation activation, Buffer in, Buffers buffers) {
        this(p, offset, -1, inWidth, outWidth, activation, in, buffers);
    }

    LinearOp(Parameters p, int offset, int biasOffset, int inWidth, int outWidth, Activation activation, Buffer in, Buffers buffers) {
        if (in.width != inWidth) throw new IllegalArgumentException("linear expects " + inWidth + " inputs, gets " + in.width);
        this.p = p;
        this.offset = offset;
        this.biasOffset = biasOffset;
        this.inWidth = inWidth;
        this.outWidth = outWidth;
        this.activation = activation;
        this.in = in;
        this.out = buffers.create(outWidth);
        this.pre = activation == Activation.NONE ? out : buffers.create(outWidth);
    }

    static double gelu(double x) {
        return 0.5 * x * (1 + StrictMath.tanh(GELU_K * (x + GELU_C * x * x * x)));
    }

    static double geluDerivative(double x) {
        double th = StrictMath.tanh(GELU_K * (x + GELU_C * x * x * x));
        return 0.5 * (1 + th) + 0.5 * x * (1 - th * th) * GELU_K * (1 + 3 * GELU_C * x * x);
    }

    /** GELU, erf form: x·Φ(x). */
    static double geluErf(double x) {
        return 0.5 * x * (1 + dev.bramble.numerics.FixedMath.erf(x / Math.sqrt(2)));
    }

    /** d/dx x·Φ(x) = Φ(x) + x·φ(x). */
    static double geluErfDerivative(double x) {
        return 0.5 * (1 + dev.bramble.numerics.FixedMath.erf(x / Math.sqrt(2))) + x * StrictMath.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    @Override
    public void forward(int[] tokens, int positions) {
        double[] w = p.values;
        double[] x = in.value;
        double[] z = pre.value;
        for (int t = 0; t < positions; t++) {
            int xAt = t * inWidth;
            int zAt = t * outWidth;
            for (int i = 0; i < outWidth; i++) {
                int row = offset + i * inWidth;
                double s = 0;
                for (int j = 0; j < inWidth; j++) s += w[row + j] * x[xAt + j];
                z[zAt + i] = biasOffset < 0 ? s : s + w[biasOffset + i];
            }
        }
        if (activation == Activation.NONE) return;
        double[] y = out.value;
        int n = positions * outWidth;
        if (activation == Activation.RELU) {
            for (int i = 0; i < n; i++) y[i] = z[i] > 0 ? z[i] : 0;
        } else if (activation == Activation.GELU_ERF) {
            for (int i = 0; i < n; i++) y[i] = geluErf(z[i]);
        } else {
            for (int i = 0; i < n; i++) y[i] = gelu(z[i]);
        }
    }

    @Override
    public void backward(int[] tokens, int positions) {
        double[] gz;
        int n = positions * outWidth;
        if (activation == Activation.NONE) {
            gz = out.grad;
        } else {
            // pre.grad is scratch owned by this op: overwrite, no one else accumulates into it.
            gz = pre.grad;
            double[] z = pre.value;
            double[] gy = out.grad;
            if (activation == Activation.RELU) {
                for (int i = 0; i < n; i++) gz[i] = z[i] > 0 ? gy[i] : 0;
            } else if (activation == Activation.GELU_ERF) {
                for (int i = 0; i < n; i++) gz[i] = gy[i] * geluErfDerivative(z[i]);
            } else {
                for (int i = 0; i < n; i++) gz[i] = gy[i] * geluDerivative(z[i]);
            }
        }
        double[] w = p.values;
        double[] gw = p.grads;
        double[] x = in.value;
        double[] gx = in.grad;
        for (int t = 0; t < positions; t++) {
            int xAt = t * inWidth;
            int zAt = t * outWidth;
            for (int i = 0; i < outWidth; i++) {
                double g = gz[zAt + i];
                if (g == 0) continue; // ReLU zeros: nothing flows
                if (biasOffset >= 0) gw[biasOffset + i] += g;
                int row = offset + i * inWidth;
                for (int j = 0; j < inWidth; j++) {
                    gx[xAt + j] += g * w[row + j];
                    gw[row + j] += g * x[xAt + j];
                }
            }
        }
    }

    @Override
    public Buffer output() {
        return out;
    }
}
