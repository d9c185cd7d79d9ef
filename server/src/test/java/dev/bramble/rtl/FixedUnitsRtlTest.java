package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.numerics.FixedMath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each fixed-point unit in rtl-lib (combinational, or with a clocked table read), on edge cases and random inputs, against {@link FixedMath}. */
class FixedUnitsRtlTest {
    @TempDir
    Path dir;

    private static final List<String> UNITS = List.of("fx_mul.v", "weight_rom.v", "fx_rsqrt_seed.v", "fx_newton_cut.v", "fx_rsqrt.v", "fx_recip_seed.v", "fx_recip.v", "fx_newton.v", "fx_exp_tables.v", "fx_exp_neg.v", "fx_gelu.v");

    private List<String> run(int unit, long[] inputs, int width, int na, int fa) throws Exception {
        return run(unit, inputs, width, na, fa, 1);
    }

    /** {@code stages}: the rsqrt's, recip's and fx_newton's Newton step in one clock or two (their STAGES). */
    private List<String> run(int unit, long[] inputs, int width, int na, int fa, int stages) throws Exception {
        NumericTables.writeAll(dir);
        RtlBench.hexFile(dir, "in.hex", inputs, width);
        return RtlBench.run(dir, "unit_vector_tb", UNITS, Map.of("UNIT", String.valueOf(unit), "COUNT", String.valueOf(inputs.length),
                "IW", String.valueOf(width), "NA", String.valueOf(na), "FA", String.valueOf(fa), "STAGES", String.valueOf(stages)), List.of(), "R ");
    }

    private static void check(long[] inputs, List<String> lines, LongFunction<String> expected) {
        assertEquals(inputs.length, lines.size());
        for (int i = 0; i < inputs.length; i++) {
            assertEquals(inputs[i] + " " + expected.apply(inputs[i]), lines.get(i), "input " + inputs[i]);
        }
    }

    @Test
    void rsqrtMatchesReference() throws Exception {
        Random rnd = new Random(1);
        long[] in = new long[300];
        for (int i = 0; i < in.length; i++) {
            in[i] = i < 40 ? (i < 20 ? i + 1 : (1L << (i - 1)) - 1 + (i & 1)) : 1 + (rnd.nextLong() >>> (24 + rnd.nextInt(40)));
            in[i] = Math.max(1, in[i] & ((1L << 40) - 1));
        }
        LongFunction<String> expected = v -> {
            long p = FixedMath.rsqrt(v);
            return FixedMath.rsqrtMantissa(p) + " " + FixedMath.rsqrtExponent(p);
        };
        check(in, run(0, in, 40, 16, 12), expected);
        check(in, run(5, in, 40, 16, 12), expected);           // fx_newton, shared with the reciprocal
        // the Newton step in two clocks (a new input every clock: each answer two clocks later)
        check(in, run(0, in, 40, 16, 12, 2), expected);
        check(in, run(5, in, 40, 16, 12, 2), expected);
    }

    @Test
    void reciprocalMatchesReference() throws Exception {
        Random rnd = new Random(2);
        long[] in = new long[300];
        for (int i = 0; i < in.length; i++) in[i] = i < 10 ? 32768 + i * 4097 : 32768 + (rnd.nextLong() >>> (40 + rnd.nextInt(24)));
        in[10] = (1L << 24) - 1;
        LongFunction<String> expected = v -> {
            long p = FixedMath.recip(v);
            return (p >>> 32) + " " + (p & 0xFFFFFFFFL);
        };
        check(in, run(1, in, 24, 16, 12), expected);
        check(in, run(6, in, 24, 16, 12), expected);           // fx_newton, shared with the rsqrt
        check(in, run(1, in, 24, 16, 12, 2), expected);
        check(in, run(6, in, 24, 16, 12, 2), expected);
    }

    @Test
    void expNegMatchesReferenceForSeveralFractionWidths() throws Exception {
        for (int fa : new int[] {12, 8, 14}) {
            Random rnd = new Random(fa);
            long[] in = new long[300];
            for (int i = 0; i < in.length; i++) in[i] = i < 64 ? -i : -(rnd.nextLong() >>> (31 + rnd.nextInt(33)));
            in[64] = -(1L << 33) + 1;
            in[65] = -(16L << fa);
            in[66] = -(16L << fa) + 1;
            check(in, run(2, in, 34, 16, fa), d -> FixedMath.expNeg(d, fa) + " 0");
        }
    }

    @Test
    void geluMatchesReference() throws Exception {
        // narrow and wide formats too (issue #14): relu - c once took a negative repeat count for
        // NA > 25, and c shifted left for FA > 23 overflowed its 25 bits
        for (int[] f : new int[][] {{16, 12}, {12, 8}, {16, 14}, {4, 2}, {4, 0}, {8, 4}, {26, 12}, {28, 26}, {32, 30}, {32, 16}}) {
            int na = f[0], fa = f[1];
            long[] in = new long[1 << 12];
            Random rnd = new Random(na * 64L + fa);
            // -1000..999, then the band |x| < 8 where the table applies, then any value
            for (int i = 0; i < in.length; i++) {
                in[i] = FixedMath.sat(i < 2000 ? i - 1000 : rnd.nextLong() >> (64 - (i < 3000 ? Math.min(na, fa + 4) : na)), na);
            }
            in[0] = -(1L << (na - 1));
            in[1] = (1L << (na - 1)) - 1;
            check(in, run(3, in, na, na, fa), x -> FixedMath.gelu(x, fa, na) + " 0");
        }
    }

    /** The erf form (act 3): the same unit with the second table, or with that table alone, bit-exact with FixedMath.geluErf at narrow and wide formats. */
    @Test
    void geluErfMatchesReference() throws Exception {
        for (int[] f : new int[][] {{16, 12}, {16, 9}, {12, 8}, {8, 4}, {10, 2}, {26, 12}, {32, 30}}) {
            int na = f[0], fa = f[1];
            long[] in = new long[1 << 11];
            Random rnd = new Random(na * 64L + fa + 7);
            for (int i = 0; i < in.length; i++) {
                in[i] = FixedMath.sat(i < 1000 ? i - 500 : rnd.nextLong() >> (64 - (i < 1600 ? Math.min(na, fa + 4) : na)), na);
            }
            in[0] = -(1L << (na - 1));
            in[1] = (1L << (na - 1)) - 1;
            List<String> got = run(4, in, na, na, fa);
            check(in, got, x -> FixedMath.geluErf(x, fa, na) + " 0");
            // built with the erf table alone (a model without the tanh form: fx_gelu ERF 2), the same words
            check(in, run(7, in, na, na, fa), x -> FixedMath.geluErf(x, fa, na) + " 0");
            long differ = java.util.stream.IntStream.range(0, in.length).filter(i -> FixedMath.geluErf(in[i], fa, na) != FixedMath.gelu(in[i], fa, na)).count();
            if (fa >= 8) assertTrue(differ > 0, "the erf form must differ from the tanh form somewhere at q" + (na - fa) + "." + fa);
        }
    }
}
