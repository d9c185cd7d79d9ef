package dev.bramble.train;

/**
 * {@code rmsnorm}: x / sqrt(mean(x²) + 1e-5); {@code layernorm}: (x − mean) / sqrt(var + 1e-5);
 * then, when learned, × gain + bias (PyTorch's weight and bias). The epsilon is the one
 * docs/numerics.md gives.
 */
final class NormOp implements Op {
    static final double EPS = 1e-5;

    private final boolean centre;
    private final Buffer in;
    /** The normalised values before gain and bias: {@link #out} itself when the norm learns nothing. */
    private final Buffer normed;
    private final Buffer out;
    private final Parameters p;
    /** Slot offsets of the gain and the bias, −1 when absent. */
    private final int gainOffset;
    private final int biasOffset;
    /** 1/sqrt(mean square + eps) per position, kept for the backward pass. */
    private final double[] inverseScale;

    NormOp(boolean layerNorm, Buffer in, Buffers buffers) {
        this(layerNorm, in, buffers, null, -1, -1);
    }

    NormOp(boolean layerNorm, Buffer in, Buffers buffers, Parameters p, int gainOffset, int biasOffset) {
        this.centre = layerNorm;
        this.in = in;
        this.p = p;
        this.gainOffset = gainOffset;
        this.biasOffset = biasOffset;
        this.normed = buffers.create(in.width);
        this.out = gainOffset < 0 && biasOffset < 0 ? normed : buffers.create(in.width);
        this.inverseScale = new double[buffers.positions];
    }

    @Override
    public void forward(int[] tokens, int positions) {
        int n = in.width;
        double[] x = in.value;
        double[] y = normed.value;
        for (int t = 0; t < positions; t++) {
            int at = t * n;
            double mean = 0;
            if (centre) {
                for (int j = 0; j < n; j++) mean += x[at + j];
                mean /= n;
            }
            double ss = 0;
            for (int j = 0; j < n; j++) {
                double d = x[at + j] - mean;
                ss += d * d;
            }
            double r = 1.0 / Math.sqrt(ss / n + EPS);
            inverseScale[t] = r;
            for (int j = 0; j < n; j++) y[at + j] = (x[at + j] - mean) * r;
        }
        if (normed == out) return;
        double[] w = p.values;
        double[] o = out.value;
        for (int t = 0; t < positions; t++) {
            int at = t * n;
            for (int j = 0; j < n; j++) {
                o[at + j] = y[at + j] * (gainOffset < 0 ? 1 : w[gainOffset + j]) + (biasOffset < 0 ? 0 : w[biasOffset + j]);
            }
        }
    }

    @Override
    public void backward(int[] tokens, int positions) {
        // dx = r·(dy − mean(dy)·[layernorm] − y·mean(dy·y))
        int n = in.width;
        double[] y = normed.value;
        double[] gy = normed.grad;
        double[] gx = in.grad;
        if (normed != out) {
            // normed.grad is scratch owned by this op: overwrite it with the gradient through gain and bias.
            double[] w = p.values;
            double[] gw = p.grads;
            double[] go = out.grad;
            for (int t = 0; t < positions; t++) {
                int at = t * n;
                for (int j = 0; j < n; j++) {
                    double g = go[at + j];
                    if (gainOffset >= 0) gw[gainOffset + j] += g * y[at + j];
                    if (biasOffset >= 0) gw[biasOffset + j] += g;
                    gy[at + j] = gainOffset < 0 ? g : g * w[gainOffset + j];
                }
            }
        }
        for (int t = 0; t < positions; t++) {
            int at = t * n;
            double dot = 0;
            double sum = 0;
            for (int j = 0; j < n; j++) {
                dot += gy[at + j] * y[at + j];
                sum += gy[at + j];
            }
            dot /= n;
            double meanGrad = centre ? sum / n : 0;
            double r = inverseScale[t];
            for (int j = 0; j < n; j++) gx[at + j] += r * (gy[at + j] - meanGrad - y[at + j] * dot);
        }
    }

    @Override
    public Buffer output() {
        return out;
    }
}
