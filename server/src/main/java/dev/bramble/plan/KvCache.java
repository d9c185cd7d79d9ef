package dev.bramble.plan;

/**
 * One attention layer's key or value cache: {@code rows} × {@code width} bits, one row per cycle.
 * A row is one chunk of one position (rtl-lib/attention_core.v): {@code context · C} rows of
 * {@code min(L, aw)} words, C = ⌈aw/L⌉ — sized by context × width, not by context × lanes.
 */
public record KvCache(String layer, String which, int rows, int width, boolean block) {
    public long bits() {
        return (long) rows * width;
    }

    /** The cache of an attention {@code aw} elements wide on {@code lanes} lanes, {@code na}-bit words. */
    static KvCache of(String layer, String which, int context, int aw, int lanes, int na) {
        // a context no part holds still gives a count (saturated), so the estimate can say it does not fit
        int rows = (int) Math.min(Integer.MAX_VALUE, (long) context * Timing.attentionChunks(aw, lanes));
        return new KvCache(layer, which, rows, Math.min(lanes, aw) * na, true);
    }
}
