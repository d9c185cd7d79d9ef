package dev.bramble.plan;

/**
 * The fixed pipeline latencies of the core's ops (docs/architecture.md §3), as the RTL builds
 * them. Change one here and in the RTL together: the simulation checks every op's start cycle
 * against the program, so a difference names the op.
 */
public final class Timing {
    private Timing() {}

    /** Linear: ROM read / operand register (1) + multiply-accumulate (1) after the issue cycles. */
    public static final int LAT_MV = 2;
    /** Embedding: ROM read (1) after the chunks. */
    public static final int LAT_EMBED = 1;
    /**
     * Lanes per norm rounding shifter (rtl-lib/norm_unit.v SHARE): the shift is data-dependent,
     * so each shifter is a barrel shifter; four lanes share one, and a norm writes each chunk
     * over that many clocks. Fewer than four lanes share by the largest power of two they hold.
     */
    public static int normShare(int lanes) {
        return lanes >= 4 ? 4 : lanes >= 2 ? 2 : 1;
    }

    /**
     * RMSNorm: lane-sum tree (1), the rsqrt's table read (1, rtl-lib/fx_rsqrt.v) and its
     * Newton step (1) after its two passes (squares, scaling).
     */
    public static final int LAT_RMSNORM = 3;
    /** LayerNorm: the mean (1), then as {@link #LAT_RMSNORM}, after its three passes (mean, squares, scaling). */
    public static final int LAT_LAYERNORM = 4;
    /**
     * Attention core on L lanes, a row of W elements in C = ⌈W/L⌉ chunks and H heads in
     * EC = ⌈H/L⌉ (rtl-lib/attention_core.v): the first chunk's cache write (1; the others
     * overlap the walk), one slot per clock — K walk C·(t+1), exp walk EC·(t+1), one reciprocal
     * per head through the shared unit H + 1 (its answer a clock after its argument, the
     * table read) and one more when EC = 1 (every head's last e lands in the first R slot's
     * clock: the exp tables' clocked read puts the product a clock after its E slot), weight
     * walk EC·(t+1), V walk C·(t+1) (a chunk's output is written at the next
     * chunk's first slot), the last chunk's output (1) — and the last slot's clock after its
     * cache read (1).
     * {@link #attentionFixedCycles} + {@link #attentionPerPosition}·t in all.
     */
    public static final int LAT_ATTENTION = 2;

    /** Chunks of an attention row of {@code width} elements on {@code lanes} lanes. */
    public static int attentionChunks(int width, int lanes) {
        return (width + Math.max(1, lanes) - 1) / Math.max(1, lanes);
    }

    /** Attention core, per cached position: a K and a V walk slot per element chunk, an exp and a weight slot per head chunk. */
    public static int attentionPerPosition(int heads, int width, int lanes) {
        return 2 * attentionChunks(width, lanes) + 2 * attentionChunks(heads, lanes);
    }

    /**
     * Attention core's fixed cycles: {@link #LAT_ATTENTION}, position 0's walks
     * ({@link #attentionPerPosition}), one reciprocal per head through the shared unit and the
     * clock of its last answer (and a waiting slot when all heads are one chunk), and the last
     * chunk's output.
     */
    public static int attentionFixedCycles(int heads, int width, int lanes) {
        return attentionFixedCycles(heads, width, lanes, 1);
    }

    /** As above, the reciprocal answering {@code scalarStages} clocks after its argument (CoreProgram.scalarStages): one more R slot per clock past the first. */
    public static int attentionFixedCycles(int heads, int width, int lanes, int scalarStages) {
        return LAT_ATTENTION + attentionPerPosition(heads, width, lanes) + (heads + 1 + (attentionChunks(heads, lanes) == 1 ? 1 : 0)) + 1 + (scalarStages - 1);
    }

    /**
     * Sampler: max (1) + the last logit's exp and running sum (1, the pipeline's second stage),
     * beside one cycle per logit, {@link #sampleTargetClocks} for r·C and
     * {@link #sampleSearchSteps} for the pick.
     */
    public static final int LAT_SAMPLE = 2;

    /**
     * Sampler: clocks of its target r·C, four partial products on {@code multipliers} of them at
     * a time: ⌈4 / multipliers⌉ — one clock on four lanes, four on one lane or on the sampler's
     * own 16 × half multiplier (MultiplierInventory.samplerTargetClocks says which; with 4
     * multipliers it is also the one clock of a vocabulary past 2^15's own 32 × CW).
     */
    public static int sampleTargetClocks(int multipliers) {
        return (4 + multipliers - 1) / multipliers;
    }
    /** Argmax: one registered comparison tree. */
    public static final int LAT_ARGMAX = 1;

    /** Sampler: steps of the binary-search pick over V stored cumulative sums, {@code ⌈log2 V⌉} (0 for one logit). */
    public static int sampleSearchSteps(int vocabulary) {
        return vocabulary > 1 ? dev.bramble.numerics.FixedMath.ceilLog2(vocabulary) : 0;
    }
}
