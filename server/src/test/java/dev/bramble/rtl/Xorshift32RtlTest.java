package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Xorshift32RtlTest {
    @TempDir
    Path dir;

    @Test
    void drawsMatchTheJavaGenerator() throws Exception {
        List<String> lines = RtlBench.run(dir, "xorshift32_tb", List.of("xorshift32.v"),
                Map.of("SEED", "32'd2", "COUNT", "40"), List.of(), "R ");
        assertEquals(40, lines.size());
        int x = 2;
        for (String line : lines) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            assertEquals(Integer.toUnsignedLong(x), Long.parseLong(line));
        }
    }

    @Test
    void zeroSeedBecomesOne() throws Exception {
        List<String> lines = RtlBench.run(dir, "xorshift32_tb", List.of("xorshift32.v"),
                Map.of("SEED", "32'd0", "COUNT", "1"), List.of(), "R ");
        assertEquals(List.of(String.valueOf(270369L)), lines); // xorshift32(1) = 270369
    }
}
