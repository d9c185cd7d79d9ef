package dev.bramble.plan;

/**
 * One attention core's key or value cache: {@code rows} × {@code width} bits, one row per cycle.
 * A row is one chunk of one position (rtl-lib/attention_core.v): per layer on the core
 * ({@link AttentionCore}) a block of {@code context · C} rows of {@code min(L, aw)} words,
 * C = ⌈aw/L⌉ — sized by layers × context × width, not by context × lanes. {@code layer}: the
 * core's first layer, which the estimate charges.
 */
public record KvCache(String layer, String which, int rows, int width, boolean block) {
    public long bits() {
        return (long) rows * width;
    }

    /** The cache of an attention core on {@code lanes} lanes, {@code na}-bit words. */
    static KvCache of(AttentionCore core, String which, int context, int lanes, int na) {
        int aw = core.shape().attentionWidth();
        // a context no part holds still gives a count (saturated), so the estimate can say it does not fit
        int rows = (int) Math.min(Integer.MAX_VALUE, (long) core.layers().size() * context * Timing.attentionChunks(aw, lanes));
        return new KvCache(core.layers().get(0), which, rows, Math.min(lanes, aw) * na, true);
    }
}
