package dev.bramble.rtl;

import dev.bramble.plan.AttentionScale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * rtl-lib/attention_core.v on shapes no one picked: heads 1–4 of head dim 1–6 on 1–8 lanes, a
 * context of 2–5, the score memories in flip-flops, LUT RAM or block RAM (read a clock ahead, a
 * row written the clock before forwarded) and the exp tables its own or lent, by the seed. Both
 * raw-score paths are drawn: one running sum where the lanes divide the head dim
 * (AttentionScale.oneRunningSum), per-head sums elsewhere. Each try is AttentionCoreRtlTest's
 * check: every output against the reference, every element written once, the last in the op's
 * last cycle.
 */
class AttentionShapesPropertyTest {
    @Property(tries = 16)
    void anyShapeMatchesTheReference(@ForAll @IntRange(min = 1, max = 4) int heads, @ForAll @IntRange(min = 1, max = 6) int headDim,
                                     @ForAll @IntRange(min = 1, max = 8) int lanes, @ForAll @IntRange(min = 2, max = 5) int context,
                                     @ForAll @IntRange(min = 0, max = 1000) int seed) throws Exception {
        int width = heads * headDim;
        Statistics.label("raw score").collect(AttentionScale.oneRunningSum(width, heads, lanes) ? "one running sum" : "per-head sums");
        Path dir = Files.createTempDirectory("attention-shape");
        try {
            AttentionCoreRtlTest.check(dir, width, heads, lanes, context, Math.min(context, 3), 6000, seed);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
