package dev.bramble.board;

import dev.bramble.cli.CliRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The open iCE40 flow for real: Yosys, nextpnr-ice40 and icepack write a bitstream that meets the clock. */
@Tag("slow")
class Ice40BuildSlowTest {
    @Test
    void theIcebreakerExampleBuildsToABitstreamThatMeetsItsClock(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("build");
        CliRun r = CliRun.of("build", BoardFastTest.EXAMPLE.toString(), "-o", out.toString(), "--format", "json");
        assertEquals(0, r.status(), r.err() + r.out());
        var o = com.google.gson.JsonParser.parseString(r.out()).getAsJsonObject();
        assertTrue(o.get("met").getAsBoolean(), r.out());
        assertTrue(o.get("maxClockMHz").getAsDouble() >= 6.0, r.out());
        Path bin = Path.of(o.get("bitstream").getAsString());
        assertTrue(Files.size(bin) > 100_000, "an UP5K bitstream is about 104 kB: " + Files.size(bin));
        assertTrue(Files.readString(out.resolve("timing.txt")).contains("met      yes"));
        assertTrue(r.err().contains("nextpnr-ice40: placing and routing"), "progress on stderr: " + r.err());
    }
}
