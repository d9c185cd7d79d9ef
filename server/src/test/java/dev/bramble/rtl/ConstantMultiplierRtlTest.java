package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bramble.tools.TemporaryDirectories;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * rtl-lib/fx_cmul.v, the product by a constant in shifts and adds (attention's score scale), on
 * constants (up to 2^25, the sampler's 1/T) and widths no one picked: every product equal to a·K, the operand's extremes among them.
 */
class ConstantMultiplierRtlTest {
    @Property(tries = 12)
    void productIsExact(@ForAll @IntRange(min = 0, max = (1 << 25) - 1) int k, @ForAll @IntRange(min = 2, max = 48) int width,
                        @ForAll @IntRange(min = 1, max = 1 << 20) int seed) throws Exception {
        int kw = Math.max(2, 64 - Long.numberOfLeadingZeros(k) + 1);   // K's bits, signed
        Path dir = Files.createTempDirectory("fx-cmul");
        try {
            List<String> lines = RtlBench.run(dir, "fx_cmul_tb", List.of("fx_cmul.v"),
                    Map.of("AW", "" + width, "KW", "" + kw, "K", "" + k, "COUNT", "40", "SEED", "" + seed), List.of(), "P ");
            assertEquals(40, lines.size());
            assertEquals("-" + BigInteger.ONE.shiftLeft(width - 1), lines.get(0).split(" ")[0], "the first operand is the most negative");
            for (String line : lines) {
                String[] f = line.split(" ");
                BigInteger a = new BigInteger(f[0]);
                assertEquals(a.multiply(BigInteger.valueOf(k)), new BigInteger(f[1]), "K = " + k + ", " + width + " bits, a = " + a);
            }
        } finally {
            TemporaryDirectories.delete(dir);
        }
    }
}
