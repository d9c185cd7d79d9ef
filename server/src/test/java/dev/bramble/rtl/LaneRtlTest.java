package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bramble.golden.Xorshift32;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * rtl-lib's weight_rom + mac_lane, as one lane of the matrix-vector engine, in Icarus: every
 * row's accumulator equals the exact integer dot product of the ROM row and the activations —
 * the sum the reference model's linear forms before it rounds (docs/numerics.md).
 */
class LaneRtlTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}x{1}, a {2} bits, b {3} bits, block {4}, {5} low bits of b in logic")
    // the soft low bits (LaneWidths.softLowBits): iCE40's 17 x 18 lane, and two bits off a narrow b
    @CsvSource({"4, 8, 16, 16, 1, 0", "3, 16, 8, 16, 0, 0", "5, 64, 16, 16, 1, 0", "2, 5, 4, 12, 0, 0",
            "6, 32, 17, 18, 1, 1", "3, 24, 16, 18, 0, 2", "2, 16, 5, 4, 0, 2"})
    void rowSumsAreExactDotProducts(int rows, int cols, int aw, int bw, int block, int softb) throws Exception {
        rowSumsAreExact(dir, rows, cols, aw, bw, block, softb);
    }

    /**
     * Over operand widths and the low bits of b a lane multiplies in logic (LaneWidths allows up
     * to two, leaving at least two for the DSP cell): the dot products stay exact in Icarus.
     */
    @Property(tries = 20)
    void softLowBitsKeepEveryWidthExact(@ForAll @IntRange(min = 2, max = 24) int aw, @ForAll @IntRange(min = 3, max = 24) int bw,
                                        @ForAll @IntRange(min = 0, max = 2) int softPick, @ForAll @IntRange(min = 1, max = 20) int cols,
                                        @ForAll boolean block) throws Exception {
        int softb = Math.min(softPick, bw - 2);
        Path tmp = Files.createTempDirectory("lane-soft");
        rowSumsAreExact(tmp, 3, cols, aw, bw, block ? 1 : 0, softb);
    }

    private static void rowSumsAreExact(Path dir, int rows, int cols, int aw, int bw, int block, int softb) throws Exception {
        Xorshift32 random = new Xorshift32(rows * 1000L + cols + 65_537L * aw + 257L * bw + 31L * softb);
        long[] w = new long[rows * cols];
        long[] x = new long[cols];
        for (int i = 0; i < w.length; i++) w[i] = signed(random.next(), aw);
        for (int j = 0; j < cols; j++) x[j] = signed(random.next(), bw);
        // Extremes too: the most negative word times the most negative activation.
        w[0] = -(1L << (aw - 1));
        x[0] = -(1L << (bw - 1));
        int accw = aw + bw + 32 - Integer.numberOfLeadingZeros(cols);
        RtlBench.hexFile(dir, "rom.hex", w, aw);
        RtlBench.hexFile(dir, "x.hex", x, bw);
        List<String> lines = RtlBench.run(dir, "lane_tb", List.of("weight_rom.v", "mac_lane.v"),
                Map.of("ROWS", "" + rows, "COLS", "" + cols, "AW", "" + aw, "BW", "" + bw, "ACCW", "" + accw, "BLOCK", "" + block, "SOFTB", "" + softb),
                List.of(), "R ");
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            long sum = 0;
            for (int c = 0; c < cols; c++) sum += w[r * cols + c] * x[c];
            expected.add(r + " " + sum);
        }
        assertEquals(expected, lines);
    }

    /** The low {@code bits} of a random draw as a signed number. */
    private static long signed(int draw, int bits) {
        return ((long) draw << (64 - bits)) >> (64 - bits);
    }
}
