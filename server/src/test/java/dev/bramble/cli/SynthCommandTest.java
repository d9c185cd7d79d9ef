package dev.bramble.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.bramble.synth.TinyDesigns;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bramble synth}: real Yosys and nextpnr-ice40 runs on a small design. */
class SynthCommandTest {
    @Test
    void placeAndRouteReportsTheMaximumClockOfTheWholeCore(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.bramble");
        Files.writeString(file, TinyDesigns.ICE40);
        CliRun r = CliRun.of("synth", file.toString(), "--pnr", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(o.get("estimatedBram").getAsInt(), o.get("bram").getAsInt(), r.out());
        assertEquals(o.get("estimatedDsp").getAsInt(), o.get("dsp").getAsInt(), r.out());
        JsonObject pnr = o.getAsJsonObject("placeAndRoute");
        assertTrue(pnr.get("placed").getAsBoolean(), r.out());
        assertTrue(pnr.get("maxClockMHz").getAsDouble() > 1, r.out());
        assertEquals(24.0, pnr.get("targetClockMHz").getAsDouble());
        // The harness keeps the whole core: every DSP and block RAM Yosys mapped is placed.
        JsonObject used = pnr.getAsJsonObject("utilization");
        assertEquals(o.get("dsp").getAsInt(), used.getAsJsonObject("ICESTORM_DSP").get("used").getAsInt(), r.out());
        assertEquals(o.get("bram").getAsInt(), used.getAsJsonObject("ICESTORM_RAM").get("used").getAsInt(), r.out());
        assertEquals(3, used.getAsJsonObject("SB_IO").get("used").getAsInt(), "clock, serial in, serial out: " + r.out());
    }

    @Test
    void placeAndRouteOnAPartWithoutNextpnrSaysWhatToDo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.bramble");
        Files.writeString(file, TinyDesigns.ICE40.replace("ice40up5k", "xc7a35t"));
        CliRun r = CliRun.of("synth", file.toString(), "--pnr");
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals("bramble: target ice: place and route needs an iCE40 part (nextpnr-ice40); xc7a35t is not one", r.err().strip());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void anUnknownPartNamesTheLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.bramble");
        Files.writeString(file, TinyDesigns.ICE40.replace("ice40up5k", "ice40up9k"));
        CliRun r = CliRun.of("synth", file.toString());
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals("bramble: " + file + ":10: target ice: unknown device 'ice40up9k'; 'bramble devices' lists the known parts", r.err().strip());
    }
}
