package dev.bramble.rtl;

import dev.bramble.lang.model.Activation;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.NormLayer;

/**
 * One step of the core's per-token program. Vectors live in lane-aligned rows of the
 * activation registers (word w = row·lanes + lane); every op runs a fixed number of cycles
 * that depends only on the lanes and the position, so the program's cycle count is exact.
 */
public sealed interface CoreOp {
    String label();

    /** Cycles this op takes at position {@code t} with {@code lanes} lanes. */
    int cycles(int lanes, int t);

    static int chunks(int n, int lanes) {
        return (n + lanes - 1) / lanes;
    }

    /** A vector model's input, {@code lanes} elements per handshake: the first chunk comes with the handshake that starts the step. */
    record Input(String label, int dstRow, int width, int inBits, int inFrac) implements CoreOp {
        public int cycles(int lanes, int t) { return chunks(width, lanes) - 1; }
    }

    /** Token row (or, with {@code position}, the position's row added) of an embedding, {@code lanes} columns per cycle. */
    record Embed(String label, String tensor, int romBase, int rows, int dim, boolean position, int dstRow) implements CoreOp {
        public int cycles(int lanes, int t) { return chunks(dim, lanes) + 1; }
    }

    /**
     * y = act(W x) on the lanes (docs/architecture.md §2): {@code split} column groups of
     * {@code rowLanes} lanes; each pass issues {@code segment} columns per lane, reading its bank
     * from {@code romBase}; the write-back adds the groups' partial sums. With one group lane l
     * computes rows l, l+lanes, ... Several independent linears reading the same source
     * (attention's q, k, v) run as one op: their banks and destination rows are contiguous, so
     * pass p simply continues into the next tensor. {@code writeWidth}: words written (the rows,
     * or all passes' words when merged). {@code accumulate}: the result is added into the
     * destination (a residual's last layer); {@code logits}: written to the 32-bit logit
     * registers ({@code sat32}: the logits exception).
     */
    record Linear(String label, java.util.List<String> tensors, int romBase, int in, int passes, int segment, int split, int rowLanes,
                  int writeWidth, Activation activation, int srcRow, int dstRow, boolean accumulate, boolean logits, boolean sat32) implements CoreOp {
        public int cycles(int lanes, int t) { return passes * segment + 2; }
    }

    /** RMSNorm: sum of squares pass, rsqrt, gain, scaling pass. LayerNorm adds a mean pass first. */
    record Norm(String label, NormLayer.Kind kind, int width, int srcRow, int dstRow) implements CoreOp {
        public int cycles(int lanes, int t) {
            int c = chunks(width, lanes);
            return kind == NormLayer.Kind.RMSNORM ? 2 * c + 2 : 3 * c + 3;
        }
    }

    /** dst = sat(dst + src), lane-parallel: a residual whose body does not end in a linear. */
    record Add(String label, int width, int srcRow, int dstRow) implements CoreOp {
        public int cycles(int lanes, int t) { return chunks(width, lanes); }
    }

    /** Attention core (all heads in parallel) over the q, k, v rows; writes the att rows. See rtl-lib/attention_core.v. */
    record Attention(String label, AttentionLayer layer, int unit, int qRow, int kRow, int vRow, int outRow) implements CoreOp {
        public int cycles(int lanes, int t) { return 2 * t + 6; }
    }

    /**
     * One cycle: a comparison chain over the logit registers (rtl-lib/argmax_scan.v), then
     * {@code padFixed + padPerPosition·t} idle cycles that keep the step at the plan's cycle count.
     */
    record Argmax(String label, int vocabulary, int padFixed, int padPerPosition) implements CoreOp {
        public int cycles(int lanes, int t) { return 1 + padFixed + padPerPosition * t; }
    }

    /** Max, {@code expUnits} exps per cycle, prefix sums, target, pick (rtl-lib/sampler.v); then the padding, as for argmax. */
    record Sample(String label, int vocabulary, double temperature, int expUnits, int padFixed, int padPerPosition) implements CoreOp {
        public int cycles(int lanes, int t) { return chunks(vocabulary, expUnits) + 4 + padFixed + padPerPosition * t; }
    }
}
