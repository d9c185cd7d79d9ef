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

    /**
     * A clock the design cannot reach (the bigram example at the oscillator's 12 MHz; it routes to
     * about 7.8) is tried with every seed of the sweep before it is reported, and the report
     * names each seed's clock; no bitstream is left.
     */
    @Test
    void aMissedClockIsTriedWithEverySeedAndEachIsReported(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("bigram.bramble");
        String text = BoardFastTest.example().replaceAll("(?m)^(\\s*clock\\s+)6 MHz", "$112 MHz");
        assertTrue(text.contains("12 MHz"), text);
        Files.writeString(file, text);
        Path out = tmp.resolve("build");
        CliRun r = CliRun.of("build", file.toString(), "-o", out.toString(), "--format", "json");
        assertTrue(r.status() != 0, "a missed clock fails the command: " + r.out());
        var o = com.google.gson.JsonParser.parseString(r.out()).getAsJsonObject();
        assertTrue(!o.get("met").getAsBoolean(), r.out());
        String failure = o.get("failure").getAsString();
        assertTrue(failure.contains("seed 1 reached") && failure.contains("seed 2 reached"), failure);
        assertTrue(!o.has("bitstream"), r.out());
        assertTrue(Files.readString(out.resolve("timing.txt")).contains("seed     3"), Files.readString(out.resolve("timing.txt")));
        assertTrue(r.err().contains("(seed 3)"), "progress names the seed: " + r.err());
    }

    /**
     * Issue #15's first acceptance: the microGPT example's 'icebreaker' target (one lane, the
     * stored sums and logits in the UP5K's SPRAM) places, routes and meets its 6 MHz with the
     * whole board top, and leaves a bitstream.
     */
    @Test
    void microGptBuildsForTheIcebreakerAndMeetsItsClock(@TempDir Path tmp) throws Exception {
        Path example = Path.of("..", "examples", "microgpt", "microgpt.bramble");
        Path out = tmp.resolve("build");
        CliRun r = CliRun.of("build", example.toString(), "--target", "icebreaker", "-o", out.toString(), "--format", "json");
        assertEquals(0, r.status(), r.err() + r.out());
        var o = com.google.gson.JsonParser.parseString(r.out()).getAsJsonObject();
        assertTrue(o.get("met").getAsBoolean(), r.out());
        assertTrue(o.get("maxClockMHz").getAsDouble() >= 6.0, r.out());
        assertTrue(Files.size(Path.of(o.get("bitstream").getAsString())) > 100_000, r.out());
        String timing = Files.readString(out.resolve("timing.txt"));
        assertTrue(timing.contains("met      yes"), timing);
        assertTrue(timing.contains("ICESTORM_SPRAM        4 of      4"), "the sums and the logits in SPRAM: " + timing);
    }
}
