package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bramble.numerics.FixedMath;
import dev.bramble.golden.Xorshift32;
import dev.bramble.plan.MultiplierInventory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * rtl-lib's norm_unit in Icarus, fed a vector lane-chunk by lane-chunk on the core's schedule:
 * every element of every RMSNorm and LayerNorm equals {@link FixedMath#rmsnorm} /
 * {@link FixedMath#layernorm}, on random vectors and on the extremes (all zero, all at the
 * largest or smallest activation, one spike), for lane counts that do and do not divide the
 * width, with the unit's widths sized for a wider norm than this one (as in a core whose
 * norms differ), for both of its rounding forms (FA = 15 takes the 64-bit one), and for
 * activations from 4 to 28 bits.
 */
class NormUnitRtlTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} lanes, n {1} (unit sized for {2}), q{3}.{4}, layernorm {5}, {6} lanes per shifter")
    @CsvSource({
            "4, 16, 16, 16, 12, false, 4", "4, 16, 16, 16, 12, true, 4", "4, 16, 16, 16, 12, true, 1", "16, 16, 16, 16, 12, false, 16",
            "16, 16, 16, 16, 12, true, 4", "1, 5, 5, 16, 12, false, 1",
            "4, 10, 64, 16, 12, true, 4", "8, 64, 64, 12, 8, false, 4",
            "3, 7, 7, 16, 15, true, 2", "2, 9, 9, 16, 15, false, 2",
            // narrow formats (issue #14: a sum narrower than 31 bits once padded n*eps with a
            // negative repeat count): q4.4, q8.4, q2.2, q1.3, q4.0
            "2, 8, 8, 8, 4, false, 2", "3, 8, 16, 8, 4, true, 2", "4, 12, 12, 12, 4, true, 4", "1, 6, 6, 12, 4, false, 1",
            "2, 5, 5, 4, 2, true, 2", "3, 7, 7, 4, 3, false, 2", "2, 4, 4, 4, 0, true, 2",
            // wide ones: n*eps past 32 bits (FA > 21), activations wider than the gain (NA + 1 > GW)
            "4, 64, 64, 24, 22, true, 4", "3, 16, 16, 28, 26, true, 2", "2, 9, 9, 28, 20, false, 2"})
    void normalizesLikeTheReference(int lanes, int n, int maxN, int na, int fa, boolean layerNorm, int share) throws Exception {
        List<long[]> vectors = vectors(n, na);
        long[] flat = new long[vectors.size() * n];
        for (int v = 0; v < vectors.size(); v++) System.arraycopy(vectors.get(v), 0, flat, v * n, n);
        NumericTables.writeAll(dir);
        RtlBench.hexFile(dir, "x.hex", flat, na);
        int ssw = MultiplierInventory.normSumWidth(na, maxN);
        int gw = MultiplierInventory.normGainWidth(maxN);
        int sqw = MultiplierInventory.bitsFor(FixedMath.sqrtConstant(maxN));
        int rcw = MultiplierInventory.bitsFor(FixedMath.reciprocalConstant(Math.min(n, maxN)));
        for (int stages = 1; stages <= 2; stages++) check(vectors, n, layerNorm, fa, na, ssw, gw, sqw, rcw, maxN, lanes, share, stages);
    }

    /** The unit with the rsqrt's Newton step in {@code stages} clocks (the plan's scalarStages) against the reference. */
    private void check(List<long[]> vectors, int n, boolean layerNorm, int fa, int na, int ssw, int gw, int sqw, int rcw, int maxN, int lanes,
                       int share, int stages) throws Exception {
        Map<String, String> parameters = Map.ofEntries(
                Map.entry("RS_STAGES", "" + stages),
                Map.entry("LANES", "" + lanes), Map.entry("N", "" + n), Map.entry("COUNT", "" + vectors.size()),
                Map.entry("LN", layerNorm ? "1" : "0"), Map.entry("SHARE", "" + share), Map.entry("NA", "" + na), Map.entry("FA", "" + fa),
                Map.entry("SSW", "" + ssw), Map.entry("GW", "" + gw), Map.entry("SQW", "" + sqw), Map.entry("RCW", "" + rcw),
                Map.entry("SQRT_N", "" + FixedMath.sqrtConstant(n)), Map.entry("RECIP_N", "" + FixedMath.reciprocalConstant(n)),
                Map.entry("NEPS", "" + n * FixedMath.normEpsilon(fa)),
                // a unit sized for a wider norm stands for norms of different widths: the constants by port, through
                // multipliers; one width: parameters, a shift or shifts and adds (fx_cmul.v)
                Map.entry("BY_PORT", maxN != n ? "1" : "0"));
        List<String> lines = RtlBench.run(dir, "norm_unit_tb", List.of("fx_mul.v", "fx_cmul.v", "weight_rom.v", "fx_rsqrt_seed.v", "fx_newton_cut.v", "fx_rsqrt.v", "mac_lane.v", "norm_unit.v"), parameters, List.of(), "R ");

        List<String> expected = new ArrayList<>();
        for (int v = 0; v < vectors.size(); v++) {
            long[] y = new long[n];
            if (layerNorm) FixedMath.layernorm(vectors.get(v), y, fa, na);
            else FixedMath.rmsnorm(vectors.get(v), y, fa, na);
            for (int j = 0; j < n; j++) expected.add(v + " " + j + " " + y[j]);
        }
        // a shared shifter writes a chunk's lanes over SHARE clocks: compare by (vector, element)
        List<String> byElement = new ArrayList<>(lines);
        byElement.sort(java.util.Comparator.comparingLong((String l) -> Long.parseLong(l.split(" ")[0])).thenComparingLong(l -> Long.parseLong(l.split(" ")[1])));
        assertEquals(expected, byElement, "rsqrt in " + stages + " clocks");
    }

    private static List<long[]> vectors(int n, int na) {
        long max = (1L << (na - 1)) - 1;
        List<long[]> out = new ArrayList<>();
        out.add(new long[n]);
        out.add(filled(n, max));
        out.add(filled(n, -max - 1));
        long[] spike = new long[n];
        spike[n / 2] = max;
        out.add(spike);
        long[] alternating = new long[n];
        for (int j = 0; j < n; j++) alternating[j] = (j & 1) == 0 ? max : -max - 1;
        out.add(alternating);
        Xorshift32 random = new Xorshift32(n * 31L + na);
        for (int v = 0; v < 12; v++) {
            long[] x = new long[n];
            // small vectors too: their sums of squares exercise the rsqrt's low exponents
            int bits = v < 4 ? Math.min(3 + v, na) : na;
            for (int j = 0; j < n; j++) x[j] = ((long) random.next() << (64 - bits)) >> (64 - bits);
            out.add(x);
        }
        return out;
    }

    private static long[] filled(int n, long value) {
        long[] x = new long[n];
        java.util.Arrays.fill(x, value);
        return x;
    }
}
