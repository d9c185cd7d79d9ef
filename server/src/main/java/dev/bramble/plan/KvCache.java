package dev.bramble.plan;

/**
 * One attention core's KV cache: {@code rows} × {@code width} bits, one row per cycle. A row is
 * one chunk of one position's key or value (rtl-lib/attention_core.v): per layer on the core
 * ({@link AttentionCore}) a block of {@code context · C} K rows and as many V rows, C = ⌈aw/L⌉,
 * of {@code min(L, aw)} words — sized by layers × context × width, not by context × lanes. K and
 * V are the halves of one memory: the K slots and the V slots never read in the same clock, and
 * a block a separate K or V memory would leave half empty holds both (microGPT at two lanes on
 * iCE40: 2 blocks, not 4). {@code layer}: the core's first layer, which the estimate charges.
 */
public record KvCache(String layer, int rows, int width, boolean block) {
    public long bits() {
        return (long) rows * width;
    }

    /** The cache of an attention core on {@code lanes} lanes, {@code na}-bit words. */
    static KvCache of(AttentionCore core, int context, int lanes, int na) {
        int aw = core.shape().attentionWidth();
        // a context no part holds still gives a count (saturated), so the estimate can say it does not fit
        int rows = (int) Math.min(Integer.MAX_VALUE, 2L * core.layers().size() * context * Timing.attentionChunks(aw, lanes));
        return new KvCache(core.layers().get(0), rows, Math.min(lanes, aw) * na, true);
    }
}
