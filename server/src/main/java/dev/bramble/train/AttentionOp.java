package dev.bramble.train;

/**
 * Causal multi-head self-attention: q, k, v = Wq x, Wk x, Wv x; for each head, position t
 * attends to positions 0..t with softmax(q·k / √headDim); the heads' outputs, concatenated,
 * go through Wo. Run over the whole sequence, the K and V buffers are the KV cache.
 */
final class AttentionOp implements Op {
    private final int heads;
    private final int headDim;
    private final int width;
    private final int maxPositions;
    private final double scale;
    private final LinearOp query;
    private final LinearOp key;
    private final LinearOp value;
    private final LinearOp output;
    private final Buffer mixed;
    /** probs[(t * heads + h) * maxPositions + τ]: attention of position t, head h, on τ ≤ t. */
    private final double[] probs;
    /** Scratch: d loss / d prob for one (t, h). */
    private final double[] dProb;

    AttentionOp(int heads, LinearOp query, LinearOp key, LinearOp value, Buffer mixed, LinearOp output, Buffers buffers) {
        this.heads = heads;
        this.width = query.output().width;
        this.headDim = width / heads;
        this.maxPositions = buffers.positions;
        this.scale = 1.0 / Math.sqrt(headDim);
        this.query = query;
        this.key = key;
        this.value = value;
        this.mixed = mixed;
        this.output = output;
        this.probs = new double[maxPositions * heads * maxPositions];
        this.dProb = new double[buffers.positions];
    }

    @Override
    public void forward(int[] tokens, int positions) {
        query.forward(tokens, positions);
        key.forward(tokens, positions);
        value.forward(tokens, positions);
        double[] q = query.output().value;
        double[] k = key.output().value;
        double[] v = value.output().value;
        double[] o = mixed.value;
        for (int t = 0; t < positions; t++) {
            for (int h = 0; h < heads; h++) {
                int qAt = t * width + h * headDim;
                int pAt = (t * heads + h) * maxPositions;
                double max = Double.NEGATIVE_INFINITY;
                for (int tau = 0; tau <= t; tau++) {
                    int kAt = tau * width + h * headDim;
                    double s = 0;
                    for (int d = 0; d < headDim; d++) s += q[qAt + d] * k[kAt + d];
                    s *= scale;
                    probs[pAt + tau] = s;
                    if (s > max) max = s;
                }
                double sum = 0;
                for (int tau = 0; tau <= t; tau++) {
                    double e = StrictMath.exp(probs[pAt + tau] - max);
                    probs[pAt + tau] = e;
                    sum += e;
                }
                double inv = 1.0 / sum;
                for (int tau = 0; tau <= t; tau++) probs[pAt + tau] *= inv;
                for (int d = 0; d < headDim; d++) o[qAt + d] = 0;
                for (int tau = 0; tau <= t; tau++) {
                    double pr = probs[pAt + tau];
                    int vAt = tau * width + h * headDim;
                    for (int d = 0; d < headDim; d++) o[qAt + d] += pr * v[vAt + d];
                }
            }
        }
        output.forward(tokens, positions);
    }

    @Override
    public void backward(int[] tokens, int positions) {
        output.backward(tokens, positions);
        double[] q = query.output().value;
        double[] k = key.output().value;
        double[] v = value.output().value;
        double[] gq = query.output().grad;
        double[] gk = key.output().grad;
        double[] gv = value.output().grad;
        double[] go = mixed.grad;
        for (int t = 0; t < positions; t++) {
            for (int h = 0; h < heads; h++) {
                int qAt = t * width + h * headDim;
                int pAt = (t * heads + h) * maxPositions;
                // o = Σ p_τ v_τ  →  dp_τ = do·v_τ, dv_τ += p_τ do
                double pdp = 0;
                for (int tau = 0; tau <= t; tau++) {
                    int vAt = tau * width + h * headDim;
                    double pr = probs[pAt + tau];
                    double dp = 0;
                    for (int d = 0; d < headDim; d++) {
                        dp += go[qAt + d] * v[vAt + d];
                        gv[vAt + d] += pr * go[qAt + d];
                    }
                    dProb[tau] = dp;
                    pdp += pr * dp;
                }
                // softmax: ds_τ = p_τ (dp_τ − Σ p dp); s_τ = scale q·k_τ
                for (int tau = 0; tau <= t; tau++) {
                    double ds = probs[pAt + tau] * (dProb[tau] - pdp) * scale;
                    if (ds == 0) continue;
                    int kAt = tau * width + h * headDim;
                    for (int d = 0; d < headDim; d++) {
                        gq[qAt + d] += ds * k[kAt + d];
                        gk[kAt + d] += ds * q[qAt + d];
                    }
                }
            }
        }
        query.backward(tokens, positions);
        key.backward(tokens, positions);
        value.backward(tokens, positions);
    }

    @Override
    public Buffer output() {
        return output.output();
    }
}
