package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bramble.numerics.FixedMath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rtl-lib/sampler.v and argmax_scan.v against FixedMath.sample / argmax, draw by draw. */
class ChooserRtlTest {
    @TempDir
    Path dir;

    private long[][] logits(int count, int v, long seed) {
        Random rnd = new Random(seed);
        long[][] z = new long[count][v];
        for (int n = 0; n < count; n++) {
            for (int i = 0; i < v; i++) {
                z[n][i] = switch (n % 4) {
                    case 0 -> (long) (rnd.nextGaussian() * 8000);          // typical logits
                    case 1 -> rnd.nextInt(3) * 4096L;                    // ties
                    case 2 -> (long) (rnd.nextGaussian() * 400_000_000);  // far apart, near the 32-bit edge
                    default -> i == v - 1 ? Integer.MAX_VALUE : Integer.MIN_VALUE + rnd.nextInt(1000);
                };
            }
        }
        return z;
    }

    private List<String> run(long[][] z, int v, boolean sample, double temperature, long seed) throws Exception {
        long[] flat = new long[z.length * v];
        for (int n = 0; n < z.length; n++) System.arraycopy(z[n], 0, flat, n * v, v);
        NumericTables.writeAll(dir);
        RtlBench.hexFile(dir, "in.hex", flat, 32);
        return RtlBench.run(dir, "chooser_tb", List.of("fx_mul.v", "fx_cmul.v", "weight_rom.v", "xorshift32.v", "fx_exp_tables.v", "fx_exp_neg.v", "sampler.v", "argmax_scan.v"),
                Map.of("V", "" + v, "COUNT", "" + z.length, "SAMPLE", sample ? "1" : "0",
                        "INV_T", "" + FixedMath.inverseTemperature(temperature), "SEED", "32'd" + (seed & 0xFFFFFFFFL),
                        "SUM_STYLE", "" + Math.floorMod(seed + v, 4), "EXT_EXP", "" + Math.floorMod(seed + v, 2),
                        "LANES_TARGET", "" + (Math.floorMod(seed + 3 * v, 3) == 0 ? 0 : 1), "TL", "" + (1 + Math.floorMod(seed * 7 + v, 4))), List.of(), "R ");
    }

    /**
     * Property-style: the serial sampler (one exp unit, one logit per clock, binary-search pick)
     * draws what the reference draws, over vocabularies from 1 to past 128 (S = ceil(log2 V) from
     * 0 to 8 search steps, powers of two and not), temperatures from 0.05 (INV_T clamps near
     * 2^20) to 100, and several seeds; the stored sums in flip-flops, LUT RAM and block RAM
     * (read on the falling edge) by turns, and the exp tables its own or lent (EXT_EXP) by turns.
     */
    @Test
    void samplerDrawsWhatTheReferenceDraws() throws Exception {
        Object[][] cases = {
                {1, 1.0, 7L}, {2, 0.5, 7L}, {2, 3.0, 11L}, {3, 1.0, 0L}, {8, 1.7, 5L}, {10, 1.7, 7L},
                {27, 0.5, 7L}, {27, 1.0, 0x9E3779B9L}, {27, 0.05, 123L}, {27, 100.0, 4L}, {32, 0.8, 99L},
                {65, 1.0, 1L}, {65, 0.3, 2024L}, {100, 2.0, 3L}, {130, 1.0, 77L}};
        for (Object[] c : cases) {
            int v = (Integer) c[0];
            double temperature = (Double) c[1];
            long seed = (Long) c[2];
            long[][] z = logits(v > 64 ? 24 : 40, v, v * 31L + seed);
            List<String> lines = run(z, v, true, temperature, seed);
            assertEquals(z.length, lines.size(), "V=" + v + ": draws");
            int state = FixedMath.seedState(seed);
            for (int n = 0; n < z.length; n++) {
                state = FixedMath.xorshift32(state);
                assertEquals(String.valueOf(FixedMath.sample(z[n], FixedMath.inverseTemperature(temperature), 12, state)), lines.get(n),
                        "V=" + v + " T=" + temperature + " seed=" + seed + " draw " + n);
            }
        }
    }

    @Test
    void argmaxTakesTheLowestIndexOnTies() throws Exception {
        long[][] z = logits(40, 27, 3);
        List<String> lines = run(z, 27, false, 1, 1);
        for (int n = 0; n < z.length; n++) assertEquals(String.valueOf(FixedMath.argmax(z[n])), lines.get(n), "vector " + n);
    }
}
