package dev.bramble.train;

/** {@code embedding wte [rows, dim]}: row {@code tokens[t]} of the table becomes position t's activations. */
final class TokenEmbeddingOp implements Op {
    private final Parameters p;
    private final int offset;
    private final int rows;
    private final int dim;
    private final Buffer out;

    TokenEmbeddingOp(Parameters p, int offset, int rows, int dim, Buffers buffers) {
        this.p = p;
        this.offset = offset;
        this.rows = rows;
        this.dim = dim;
        this.out = buffers.create(dim);
    }

    @Override
    public void forward(int[] tokens, int positions) {
        double[] w = p.values;
        double[] y = out.value;
        for (int t = 0; t < positions; t++) {
            int token = tokens[t];
            if (token < 0 || token >= rows) throw new IllegalArgumentException("token " + token + " outside 0.." + (rows - 1));
            System.arraycopy(w, offset + token * dim, y, t * dim, dim);
        }
    }

    @Override
    public void backward(int[] tokens, int positions) {
        double[] gw = p.grads;
        double[] gy = out.grad;
        for (int t = 0; t < positions; t++) {
            int row = offset + tokens[t] * dim;
            int at = t * dim;
            for (int j = 0; j < dim; j++) gw[row + j] += gy[at + j];
        }
    }

    @Override
    public Buffer output() {
        return out;
    }
}
