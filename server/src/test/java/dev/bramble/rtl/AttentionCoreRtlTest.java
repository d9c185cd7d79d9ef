package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bramble.numerics.FixedMath;
import dev.bramble.plan.Timing;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rtl-lib/attention_core.v over several positions against numerics.md's attention, computed with
 * FixedMath, in the plan's cycles: every element is written exactly once, the last in the op's
 * last cycle ({@code CoreOp.Attention}: (2C + 2EC)(t + 1) + H + C + 2 cycles on lanes that take C chunks per row
 * and EC per set of heads).
 */
class AttentionCoreRtlTest {
    @TempDir
    Path dir;

    /** Runs the core on random q, k, v; the score memories' placement (SC_STYLE 0, 1, 2) is seed % 3, so the shapes cover all three; head lane 0's exp tables are lent from outside (EXT_EXP) when seed is odd. */
    private void check(int w, int h, int lanes, int ctx, int positions, int spread, long seed) throws Exception {
        check(dir, w, h, lanes, ctx, positions, spread, seed);
    }

    /** The same in {@code dir} (AttentionShapesPropertyTest runs it outside JUnit's lifecycle). */
    static void check(Path dir, int w, int h, int lanes, int ctx, int positions, int spread, long seed) throws Exception {
        int na = 16, fa = 12, hd = w / h;
        Random rnd = new Random(seed);
        long[][][] qkv = new long[positions][3][w];
        long[] words = new long[positions * 3 * w];
        int n = 0;
        for (int p = 0; p < positions; p++) {
            for (int m = 0; m < 3; m++) {
                for (int d = 0; d < w; d++) {
                    qkv[p][m][d] = FixedMath.sat((long) (rnd.nextGaussian() * spread), na);
                    words[n++] = qkv[p][m][d];
                }
            }
        }
        NumericTables.writeAll(dir);
        RtlBench.hexFile(dir, "in.hex", words, na);
        int k = FixedMath.powerOfFour(hd);
        List<String> lines = RtlBench.run(dir, "attention_core_tb", List.of("fx_mul.v", "fx_cmul.v", "weight_rom.v", "fx_exp_tables.v", "fx_recip_seed.v", "fx_newton_cut.v", "fx_recip.v", "attention_core.v"),
                Map.of("W", "" + w, "H", "" + h, "LANES", "" + lanes, "CTX", "" + ctx, "T", "" + positions, "SK", "" + k,
                        "INV_SQRT_HD", "" + (k >= 0 ? 0 : FixedMath.invSqrtConstant(hd)), "SC_STYLE", "" + seed % 3, "EXT_EXP", "" + seed % 2), List.of(), "");
        List<String> results = lines.stream().filter(l -> l.startsWith("R ")).map(l -> l.substring(2)).toList();
        List<String> writes = lines.stream().filter(l -> l.startsWith("W ")).map(l -> l.substring(2)).toList();
        List<String> last = lines.stream().filter(l -> l.startsWith("L ")).map(l -> l.substring(2)).toList();
        assertEquals(positions, results.size());
        assertEquals(positions, writes.size());
        assertEquals(positions, last.size());
        for (int t = 0; t < positions; t++) {
            assertEquals(t + " 1".repeat(w), writes.get(t), "position " + t + ": writes per element");
            int length = Timing.attentionFixedCycles(h, w, lanes) + Timing.attentionPerPosition(h, w, lanes) * t;
            assertEquals(t + " " + (length - 1), last.get(t), "position " + t + ": the outputs are written in the op's last cycle");
        }
        for (int t = 0; t < positions; t++) {
            StringBuilder expected = new StringBuilder().append(t);
            long[] out = new long[w];
            for (int head = 0; head < h; head++) {
                long[] scores = new long[t + 1];
                long max = Long.MIN_VALUE;
                for (int tau = 0; tau <= t; tau++) {
                    long raw = 0;
                    for (int d = 0; d < hd; d++) raw += qkv[t][0][head * hd + d] * qkv[tau][1][head * hd + d];
                    scores[tau] = FixedMath.attentionScore(raw, hd, fa);
                    max = Math.max(max, scores[tau]);
                }
                long sum = 0;
                long[] e = new long[t + 1];
                for (int tau = 0; tau <= t; tau++) {
                    e[tau] = FixedMath.expNeg(scores[tau] - max, fa);
                    sum += e[tau];
                }
                long recip = FixedMath.recip(sum);
                for (int d = 0; d < hd; d++) {
                    long acc = 0;
                    for (int tau = 0; tau <= t; tau++) acc += FixedMath.attentionWeight(e[tau], recip) * qkv[tau][2][head * hd + d];
                    out[head * hd + d] = FixedMath.attentionOutput(acc, na);
                }
            }
            for (long o : out) expected.append(' ').append(o);
            assertEquals(expected.toString(), results.get(t), "position " + t);
        }
    }

    @Test
    void microgptShapeMatchesReference() throws Exception {
        check(16, 4, 16, 16, 16, 6000, 1);
    }

    @Test
    void headDimNotAPowerOfFourUsesTheScaleConstant() throws Exception {
        check(12, 2, 12, 8, 8, 9000, 2);
    }

    @Test
    void fewerLanesThanElementsWalkTheRowInChunks() throws Exception {
        check(16, 4, 3, 8, 6, 6000, 3);   // 6 chunks, the last one partly empty; heads straddle chunks
    }

    @Test
    void moreLanesThanElementsLeaveTheRestIdle() throws Exception {
        check(6, 2, 8, 4, 4, 7000, 4);    // head dim 3: the scale constant
    }

    @Test
    void aLaneServesEveryHeadOnItFromOneMemory() throws Exception {
        // fewer lanes than heads: lane k keeps heads k, k + L, ... in one memory and one exp unit
        check(16, 4, 1, 16, 5, 6000, 8);  // microGPT at one lane, its scores in block RAM
        check(16, 4, 2, 8, 4, 6000, 9);   // two heads a lane, in flip-flops
        check(12, 3, 2, 6, 4, 8000, 10);  // lane 1 serves one head, lane 0 two; in LUT RAM
    }

    @Test
    void aScoreWrittenTheClockBeforeItIsReadComesFromTheWrite() throws Exception {
        // block RAM scores (seed % 3 == 2) are read a clock ahead: with one head the last K slot
        // writes the row the first E slot reads at position 0, and the last P slot the row the
        // first V slot reads — the word must be the one just written, not the memory's
        check(4, 1, 1, 4, 3, 6000, 2);
        check(8, 1, 2, 4, 3, 6000, 5);
        check(6, 2, 3, 4, 3, 6000, 11);   // head dim 3 on 3 lanes: each chunk one head, both heads on lanes 0 and 1
    }

    @Test
    void headsOneChunkCompletesShareScaleUnits() throws Exception {
        // head dim 8 on 16 lanes: chunk 0 completes heads 0 and 1, chunk 1 head 2 — two scale units
        // for three heads (AttentionScale.units); head dim 3 on 5 lanes: heads straddle chunks and
        // chunks complete one or two heads
        assertEquals(2, dev.bramble.plan.AttentionScale.units(24, 3, 16));
        check(24, 3, 16, 6, 5, 8000, 5);
        assertEquals(2, dev.bramble.plan.AttentionScale.units(12, 4, 5));
        check(12, 4, 5, 6, 5, 8000, 6);
        assertEquals(1, dev.bramble.plan.AttentionScale.units(32, 4, 8));
        check(32, 4, 8, 4, 4, 6000, 7);
    }
}
