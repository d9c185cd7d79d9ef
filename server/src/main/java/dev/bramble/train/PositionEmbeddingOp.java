package dev.bramble.train;

/** {@code embedding wpe [rows, dim] position}: adds row t of the table to position t's activations. */
final class PositionEmbeddingOp implements Op {
    private final Parameters p;
    private final int offset;
    private final Buffer in;
    private final Buffer out;

    PositionEmbeddingOp(Parameters p, int offset, Buffer in, Buffers buffers) {
        this.p = p;
        this.offset = offset;
        this.in = in;
        this.out = buffers.create(in.width);
    }

    @Override
    public void forward(int[] tokens, int positions) {
        double[] w = p.values;
        double[] x = in.value;
        double[] y = out.value;
        int n = positions * in.width;
        for (int i = 0; i < n; i++) y[i] = x[i] + w[offset + i];
    }

    @Override
    public void backward(int[] tokens, int positions) {
        double[] gw = p.grads;
        double[] gx = in.grad;
        double[] gy = out.grad;
        int n = positions * in.width;
        for (int i = 0; i < n; i++) {
            gx[i] += gy[i];
            gw[offset + i] += gy[i];
        }
    }

    @Override
    public Buffer output() {
        return out;
    }
}
