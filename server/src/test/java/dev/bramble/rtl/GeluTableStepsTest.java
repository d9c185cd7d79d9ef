package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.numerics.FixedMath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * rtl-lib/fx_gelu.v interpolates with rows of DIFW bits, no multiplier: every step between two
 * neighbouring entries of either GELU table must fit DIFW bits signed, or the RTL would drop its
 * high bits. DIFW is read from the Verilog, so the two cannot drift apart.
 */
class GeluTableStepsTest {
    @Test
    void everyTableStepFitsTheInterpolationRows() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("rtl-lib"))) root = root.getParent();
        Matcher m = Pattern.compile("localparam integer DIFW = (\\d+);").matcher(Files.readString(root.resolve("rtl-lib/fx_gelu.v")));
        assertTrue(m.find(), "fx_gelu.v declares DIFW");
        int difw = Integer.parseInt(m.group(1));
        long lo = -(1L << (difw - 1)), hi = (1L << (difw - 1)) - 1;
        for (int[] table : new int[][] {FixedMath.GELU_TABLE, FixedMath.GELU_ERF_TABLE}) {
            for (int i = 0; i + 1 < table.length; i++) {
                long step = (long) table[i + 1] - table[i];
                assertTrue(step >= lo && step <= hi, "step " + i + " is " + step + ", outside " + difw + " bits signed");
            }
        }
    }
}
