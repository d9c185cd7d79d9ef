package dev.bramble.plan;

/**
 * The fixed pipeline latencies of docs/architecture.md §3, as named constants the RTL uses
 * too. Change one here and in the RTL together (the cycle-exact simulation test checks both).
 */
public final class Timing {
    private Timing() {}

    /** ROM read / operand register (1) + multiply-accumulate (1). */
    public static final int LAT_MV = 2;
    /** ROM read (1); write-back registered at the end of the data cycle. */
    public static final int LAT_EMBED = 1;
    /** Input rescale into x. */
    public static final int LAT_INPUT = 1;
    /** Lane-sum tree (1) + rsqrt (1) + gain G (1). */
    public static final int LAT_NORM_STATS = 3;
    /** LayerNorm only: lane-sum tree (1) + μ multiply (1). */
    public static final int LAT_LN_MEAN = 2;
    /** Write-back of the normalised vector. */
    public static final int LAT_NORM_APPLY = 1;
    /** K RAM read (1) + product / head tree / scale (1). */
    public static final int LAT_SCORES = 2;
    /** V RAM read with exp (1) + recip and copy to att (1). */
    public static final int LAT_VALUES = 2;
    /** Max (1) + prefix sums (1) + r·C (1) + pick (1). */
    public static final int LAT_SAMPLE = 4;
    /** Max tree and lowest-index pick, registered. */
    public static final int LAT_ARGMAX = 1;
}
