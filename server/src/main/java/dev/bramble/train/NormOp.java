package dev.bramble.train;

/**
 * {@code rmsnorm}: x / sqrt(mean(x²) + 1e-5); {@code layernorm}: (x − mean) / sqrt(var + 1e-5).
 * No learned scale or bias (as in microGPT); the epsilon is the one docs/numerics.md gives.
 */
final class NormOp implements Op {
    static final double EPS = 1e-5;

    private final boolean centre;
    private final Buffer in;
    private final Buffer out;
    /** 1/sqrt(mean square + eps) per position, kept for the backward pass. */
    private final double[] inverseScale;

    NormOp(boolean layerNorm, Buffer in, Buffers buffers) {
        this.centre = layerNorm;
        this.in = in;
        this.out = buffers.create(in.width);
        this.inverseScale = new double[buffers.positions];
    }

    @Override
    public void forward(int[] tokens, int positions) {
        int n = in.width;
        double[] x = in.value;
        double[] y = out.value;
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
    }

    @Override
    public void backward(int[] tokens, int positions) {
        // dx = r·(dy − mean(dy)·[layernorm] − y·mean(dy·y))
        int n = in.width;
        double[] y = out.value;
        double[] gy = out.grad;
        double[] gx = in.grad;
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
