package dev.bramble.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.bramble.plan.PlanFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EstimateCommandTest {
    static String microgpt() {
        return PlanFixtures.repoFile("examples/microgpt/microgpt.bramble").toString();
    }

    @Test
    void jsonHasTheContractFieldsAndAddsUp() {
        CliRun r = CliRun.of("estimate", microgpt(), "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        for (String f : new String[] {"params", "weightBits", "bram", "dsp", "lut", "ff", "cyclesPerToken", "tokensPerSecond", "device", "layers"}) {
            assertTrue(o.has(f), "missing " + f);
        }
        assertEquals(4192, o.get("params").getAsInt());
        assertEquals(67072, o.get("weightBits").getAsInt());
        JsonObject device = o.getAsJsonObject("device");
        assertEquals("5CSEMA5F31C6", device.get("name").getAsString());
        assertEquals(397, device.get("bram").getAsInt());
        assertEquals(87, device.get("dsp").getAsInt());
        assertEquals(32070, device.get("lut").getAsInt());
        JsonArray layers = o.getAsJsonArray("layers");
        long params = 0, bram = 0, dsp = 0;
        double cycles = 0;
        for (JsonElement e : layers) {
            JsonObject l = e.getAsJsonObject();
            params += l.get("params").getAsLong();
            bram += l.get("bram").getAsLong();
            dsp += l.get("dsp").getAsLong();
            cycles += l.get("cycles").getAsDouble();
        }
        assertEquals(o.get("params").getAsLong(), params);
        assertEquals(o.get("bram").getAsLong(), bram);
        assertEquals(o.get("dsp").getAsLong(), dsp);
        assertEquals(o.get("cyclesPerToken").getAsDouble(), cycles, 1e-9);
        // Cyclone V M10K is a vendor-rule figure: the output says so.
        assertTrue(o.getAsJsonArray("notes").toString().contains("documented M10K"), o.get("notes").toString());
    }

    @Test
    void tableShowsLayersTotalsAndThePart() {
        CliRun r = CliRun.of("estimate", microgpt());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("layer0.mlp_fc1"), r.out());
        assertTrue(r.out().contains("total"), r.out());
        assertTrue(r.out().contains("M10K"), r.out());
        assertTrue(r.out().contains("cycles/token 340.0"), r.out());
    }

    @Test
    void unknownTargetIsAOneLineErrorWithStatus2() {
        CliRun r = CliRun.of("estimate", microgpt(), "--target", "nosuch");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("no target 'nosuch'; its targets are: de1soc"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void unknownPartNamesTheLineAndSuggests(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.bramble");
        String text = Files.readString(Path.of(microgpt())).replace("5CSEMA5F31C6", "5CSEMA6F31C6");
        Files.writeString(f, text);
        CliRun r = CliRun.of("estimate", f.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown part '5CSEMA6F31C6'"), r.err());
        assertTrue(r.err().contains("5CSEMA5"), r.err());
        int line = text.lines().toList().indexOf(text.lines().filter(l -> l.contains("5CSEMA6")).findFirst().orElseThrow()) + 1;
        assertTrue(r.err().contains(":" + line + ":13:"), "names line " + line + ": " + r.err());
    }

    @Test
    void missingFileIsStatus2() {
        CliRun r = CliRun.of("estimate", "/nonexistent/x.bramble");
        assertEquals(2, r.status());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void overBudgetPrintsTheErrorsAndExits1() {
        CliRun r = CliRun.of("estimate", PlanFixtures.repoFile("server/src/test/resources/budget/bram-over.bramble").toString());
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("fc1 brings weights to 2.1 Mbit in 128 RAMB18; xc7a35t has 100"), r.err());
    }

    @Test
    void devicesListsTheCatalogue() {
        CliRun r = CliRun.of("devices");
        assertEquals(0, r.status());
        for (String part : new String[] {"5CSEMA5F31C6", "5CEBA4F23C7", "xc7a35t", "xc7a100t", "xc7z020", "xc7k325t", "xcvu9p", "vcu118",
                "iCE40UP5K", "iCE40HX8K", "LFE5U-25F", "LFE5U-45F", "LFE5U-85F", "GW1NR", "tang-nano-9k", "ulx3s-85f", "pynq-z2"}) {
            assertTrue(r.out().contains(part), part + " missing from\n" + r.out());
        }
        CliRun json = CliRun.of("devices", "--format", "json");
        assertEquals(13, JsonParser.parseString(json.out()).getAsJsonArray().size());
    }
}
