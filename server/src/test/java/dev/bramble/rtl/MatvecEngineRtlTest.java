package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bramble.numerics.FixedMath;
import dev.bramble.golden.Xorshift32;
import dev.bramble.plan.Planner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * rtl-lib's matvec_engine in Icarus, with the ROM and the broadcast operands played by its
 * testbench on the core's timing: every row of every product equals the reference's linear —
 * {@code sat(rnd(W·x, FW))}, then ReLU or GELU, or the 32-bit logit — for rows-only layouts and
 * for column splits (the plan's {@link Planner#columnSplit}), fan-ins that do not divide into the
 * groups, several splits built into one engine, narrow formats, and saturating extremes.
 */
class MatvecEngineRtlTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} lanes, {1}x{2}, q{3}.{4} weights, q{5}.{6} activations, act {7}, logits {8}, splits also built {9}")
    @CsvSource({
            "4, 8, 16, 16, 12, 16, 12, none, false, ''",
            "16, 4, 16, 16, 12, 16, 12, none, false, '2 8'",
            "16, 27, 16, 16, 12, 16, 12, none, true, ''",
            "8, 2, 5, 16, 12, 16, 12, relu, false, '2'",
            "12, 3, 9, 8, 6, 12, 8, relu, false, '3 6'",
            "4, 10, 7, 16, 12, 16, 12, gelu, false, ''",
            "1, 6, 3, 8, 4, 8, 4, gelu, true, ''",
            "16, 64, 16, 16, 12, 16, 12, relu, false, '4'"})
    void rowsMatchTheReferenceLinear(int lanes, int out, int in, int nw, int fw, int na, int fa, String act, boolean logits, String otherSplits) throws Exception {
        int split = Planner.columnSplit(out, in, lanes);
        List<Integer> splits = new ArrayList<>(List.of(split));
        for (String s : otherSplits.split(" ")) if (!s.isEmpty()) splits.add(Integer.parseInt(s));
        int maxSplit = splits.stream().mapToInt(Integer::intValue).max().orElse(1);
        StringBuilder splitMask = new StringBuilder();
        for (int s = lanes; s >= 1; s--) splitMask.append(splits.contains(s) || s == 1 ? '1' : '0');

        Xorshift32 random = new Xorshift32(lanes * 1000L + out * 31L + in);
        long[] w = new long[out * in];
        for (int i = 0; i < w.length; i++) w[i] = signed(random.next(), nw);
        List<long[]> vectors = new ArrayList<>();
        vectors.add(filled(in, -(1L << (na - 1))));                  // with the most negative row below: the largest sum
        vectors.add(filled(in, (1L << (na - 1)) - 1));
        for (int v = 0; v < 6; v++) {
            long[] x = new long[in];
            int bits = v < 2 ? na - 6 : na;                          // small ones too: rounding near zero
            for (int j = 0; j < in; j++) x[j] = signed(random.next(), bits);
            vectors.add(x);
        }
        for (int j = 0; j < in; j++) w[j] = -(1L << (nw - 1));        // row 0: the most negative weights
        long[] flat = new long[vectors.size() * in];
        for (int v = 0; v < vectors.size(); v++) System.arraycopy(vectors.get(v), 0, flat, v * in, in);

        NumericTables.writeAll(dir);
        RtlBench.hexFile(dir, "w.hex", w, nw);
        RtlBench.hexFile(dir, "x.hex", flat, na);
        int accw = dev.bramble.plan.CoreProgram.dotProductWidth(nw, na, in);
        int psw = TopWriter.partialSumWidth(accw, maxSplit);
        Map<String, String> parameters = Map.ofEntries(
                Map.entry("LANES", "" + lanes), Map.entry("OUT", "" + out), Map.entry("IN", "" + in), Map.entry("SPLIT", "" + split),
                Map.entry("COUNT", "" + vectors.size()), Map.entry("NW", "" + nw), Map.entry("NA", "" + na), Map.entry("FA", "" + fa),
                Map.entry("FW", "" + fw), Map.entry("ACCW", "" + accw), Map.entry("PSW", "" + psw), Map.entry("MAXSPLIT", "" + maxSplit),
                Map.entry("SPLITS", lanes + "'b" + splitMask), Map.entry("GELU", act.equals("gelu") ? "1" : "0"),
                Map.entry("ACT", act.equals("relu") ? "1" : act.equals("gelu") ? "2" : "0"), Map.entry("SAT32", logits && act.equals("none") ? "1" : "0"));
        List<String> lines = RtlBench.run(dir, "matvec_engine_tb", List.of("fx_mul.v", "fx_gelu.v", "mac_lane.v", "matvec_engine.v"),
                parameters, List.of(), "R ");

        List<String> expected = new ArrayList<>();
        for (int v = 0; v < vectors.size(); v++) {
            for (int r = 0; r < out; r++) {
                long dot = FixedMath.dot(toInts(w), r * in, vectors.get(v), in);
                long y = FixedMath.linearOut(dot, fw, na);
                long a = switch (act) {
                    case "relu" -> FixedMath.relu(y);
                    case "gelu" -> FixedMath.gelu(y, fa, na);
                    default -> y;
                };
                long z = logits && act.equals("none") ? FixedMath.linearOut(dot, fw, 32) : a;
                expected.add(v + " " + r + " " + a + " " + z);
            }
        }
        assertEquals(expected, lines);
    }

    private static long signed(int draw, int bits) {
        return ((long) draw << (64 - bits)) >> (64 - bits);
    }

    private static long[] filled(int n, long value) {
        long[] x = new long[n];
        java.util.Arrays.fill(x, value);
        return x;
    }

    private static int[] toInts(long[] w) {
        int[] out = new int[w.length];
        for (int i = 0; i < w.length; i++) out[i] = (int) w[i];
        return out;
    }
}
