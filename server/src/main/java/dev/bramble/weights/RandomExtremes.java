package dev.bramble.weights;

import dev.bramble.lang.model.FixedFormat;
import dev.bramble.lang.model.Tensor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The smallest and largest value of a tensor's random weights, remembered per (seed, path,
 * size): the editor checks random weights for saturation on every keystroke, and generating
 * them again each time cost as much as parsing a 2,000-line design. A format holds all the
 * values exactly when it holds both extremes, so only a tensor that saturates is generated again
 * (to count its values).
 */
record RandomExtremes(double min, double max) {
    private record Key(long seed, String path, long elements) {}

    /** Bounded: a session that types many shapes must not grow without limit. */
    private static final int LIMIT = 4096;
    private static final Map<Key, RandomExtremes> CACHE = new ConcurrentHashMap<>();

    static RandomExtremes of(Tensor t, long seed) {
        Key key = new Key(seed, t.path(), t.elements());
        RandomExtremes known = CACHE.get(key);
        if (known != null) return known;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : RandomWeights.generate(t, seed)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        RandomExtremes e = new RandomExtremes(lo, hi);
        if (CACHE.size() >= LIMIT) CACHE.clear();
        CACHE.put(key, e);
        return e;
    }

    /** Whether quantizing to {@code f} leaves every value in range (WeightsCheck's saturation rule on both extremes). */
    boolean within(FixedFormat f) {
        return !WeightsCheck.saturates(min, f) && !WeightsCheck.saturates(max, f);
    }
}
