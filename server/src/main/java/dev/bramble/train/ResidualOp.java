package dev.bramble.train;

import java.util.List;

/** {@code residual { body }}: y = x + body(x). */
final class ResidualOp implements Op {
    private final Buffer in;
    private final List<Op> body;
    private final Buffer bodyOut;
    private final Buffer out;

    ResidualOp(Buffer in, List<Op> body, Buffers buffers) {
        this.in = in;
        this.body = List.copyOf(body);
        this.bodyOut = body.isEmpty() ? in : body.get(body.size() - 1).output();
        if (bodyOut.width != in.width) throw new IllegalArgumentException("residual body changes the width");
        this.out = buffers.create(in.width);
    }

    @Override
    public void forward(int[] tokens, int positions) {
        for (Op op : body) op.forward(tokens, positions);
        double[] x = in.value;
        double[] b = bodyOut.value;
        double[] y = out.value;
        int n = positions * in.width;
        for (int i = 0; i < n; i++) y[i] = x[i] + b[i];
    }

    @Override
    public void backward(int[] tokens, int positions) {
        double[] gy = out.grad;
        double[] gx = in.grad;
        double[] gb = bodyOut.grad;
        int n = positions * in.width;
        for (int i = 0; i < n; i++) {
            gx[i] += gy[i];
            gb[i] += gy[i];
        }
        for (int i = body.size() - 1; i >= 0; i--) body.get(i).backward(tokens, positions);
    }

    @Override
    public Buffer output() {
        return out;
    }
}
