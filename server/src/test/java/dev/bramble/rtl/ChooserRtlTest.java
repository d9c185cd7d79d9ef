package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bramble.golden.FixedMath;
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

    private List<String> run(long[][] z, int v, int e, boolean sample, double temperature, long seed) throws Exception {
        long[] flat = new long[z.length * v];
        for (int n = 0; n < z.length; n++) System.arraycopy(z[n], 0, flat, n * v, v);
        NumericTables.writeAll(dir);
        RtlBench.hexFile(dir, "in.hex", flat, 32);
        return RtlBench.run(dir, "chooser_tb", List.of("fx_mul.v", "xorshift32.v", "fx_exp_neg.v", "sampler.v", "argmax_scan.v"),
                Map.of("V", "" + v, "E", "" + e, "COUNT", "" + z.length, "SAMPLE", sample ? "1" : "0",
                        "INV_T", "" + FixedMath.inverseTemperature(temperature), "SEED", "32'd" + (seed & 0xFFFFFFFFL)), List.of(), "R ");
    }

    @Test
    void samplerDrawsWhatTheReferenceDraws() throws Exception {
        for (int[] ve : new int[][] {{27, 4}, {10, 1}, {27, 1}, {5, 4}}) {
            int v = ve[0];
            long[][] z = logits(40, v, v);
            double temperature = v == 10 ? 1.7 : 0.5;
            List<String> lines = run(z, v, ve[1], true, temperature, 7);
            int state = FixedMath.seedState(7);
            for (int n = 0; n < z.length; n++) {
                state = FixedMath.xorshift32(state);
                assertEquals(String.valueOf(FixedMath.sample(z[n], FixedMath.inverseTemperature(temperature), 12, state)), lines.get(n),
                        "V=" + v + " E=" + ve[1] + " draw " + n);
            }
        }
    }

    @Test
    void argmaxTakesTheLowestIndexOnTies() throws Exception {
        long[][] z = logits(40, 27, 3);
        List<String> lines = run(z, 27, 4, false, 1, 1);
        for (int n = 0; n < z.length; n++) assertEquals(String.valueOf(FixedMath.argmax(z[n])), lines.get(n), "vector " + n);
    }
}
