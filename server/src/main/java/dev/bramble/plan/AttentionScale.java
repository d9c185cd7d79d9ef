package dev.bramble.plan;

/**
 * The attention core's scale units (rtl-lib/attention_core.v SU): a head's raw score is
 * complete at the chunk of its last element, ⌊((h + 1)·hd − 1) / L⌋, and is scaled to
 * activation units there. Unit k scales the k-th head a chunk completes, so the core builds as
 * many as the most heads one chunk completes — all H with one chunk, one when a head fills a
 * chunk (hd = L) — not one per head.
 */
public final class AttentionScale {
    private AttentionScale() {}

    /** Scale units for {@code heads} heads of a {@code width}-wide attention on {@code lanes} lanes. */
    public static int units(int width, int heads, int lanes) {
        int h = Math.max(1, heads);
        int hd = Math.max(1, width / h);
        int l = Math.max(1, lanes);
        int most = 1;
        int run = 0;
        int chunk = -1;
        for (int head = 0; head < h; head++) {
            int last = (int) (((long) (head + 1) * hd - 1) / l);
            run = last == chunk ? run + 1 : 1;
            chunk = last;
            most = Math.max(most, run);
        }
        return most;
    }

    /**
     * Adders of one scale unit's product raw·K, K = round(2^16 / sqrt(hd)), by shifts and adds
     * (rtl-lib/fx_cmul.v): one per non-zero digit of K's non-adjacent form but the first; none
     * where hd is a power of four (the scale is a shift).
     */
    public static int scaleAdders(int headDim) {
        if (dev.bramble.numerics.FixedMath.powerOfFour(headDim) >= 0) return 0;
        return dev.bramble.numerics.FixedMath.shiftAddAdders(dev.bramble.numerics.FixedMath.invSqrtConstant(headDim));
    }

    /**
     * Whether one running sum serves every head's raw score (rtl-lib/attention_core.v SEQ): when
     * the lanes divide the head dim, each chunk of a row lies in one head and the heads' chunks
     * follow one another, so the lanes' products are summed once a clock and accumulated until
     * the head's last chunk — one adder tree of L products and one accumulator, where per-head
     * sums take W gated products and H accumulators.
     */
    public static boolean oneRunningSum(int width, int heads, int lanes) {
        int hd = Math.max(1, width / Math.max(1, heads));
        return hd % Math.max(1, lanes) == 0;
    }
}
