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
    /** RMSNorm: lane-sum tree and rsqrt (2) after its two passes (squares, scaling). */
    public static final int LAT_RMSNORM = 2;
    /** LayerNorm: mean, lane-sum tree and rsqrt (3) after its three passes (mean, squares, scaling). */
    public static final int LAT_LAYERNORM = 3;
    /** Attention core: fixed cycles, then {@link #ATTENTION_PER_POSITION} per cached position. */
    public static final int LAT_ATTENTION = 6;
    /** Attention core: K read and score, V read and sum, per cached position. */
    public static final int ATTENTION_PER_POSITION = 2;
    /**
     * Sampler: max (1) + the last logit's exp and running sum (1, the pipeline's second stage)
     * + r·C (1), beside one cycle per logit and {@link #sampleSearchSteps} for the pick.
     */
    public static final int LAT_SAMPLE = 3;
    /** Argmax: one registered comparison tree. */
    public static final int LAT_ARGMAX = 1;

    /** Sampler: steps of the binary-search pick over V stored cumulative sums, {@code ⌈log2 V⌉} (0 for one logit). */
    public static int sampleSearchSteps(int vocabulary) {
        return vocabulary > 1 ? dev.bramble.numerics.FixedMath.ceilLog2(vocabulary) : 0;
    }
}
