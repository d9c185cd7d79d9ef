package dev.bramble.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.bramble.plan.PlanFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * examples/names-gpt: a model trained outside Bramble (train.py, PyTorch, seed 1337). Its
 * expected-logits.json is what PyTorch computed from the saved weights, so this test needs no
 * PyTorch: the description checks clean, fits its board by the estimate, gives PyTorch's float
 * logits within 1e-5, is exactly what 'bramble import' writes for the checkpoint, and (slow
 * profile) its generated hardware is bit-exact with the fixed-point reference in Icarus.
 */
class NamesGptExampleTest {
    static final Path DIR = PlanFixtures.repoFile("examples/names-gpt");
    static final Path FILE = DIR.resolve("names-gpt.bramble");
    static final String CHARS = "abcdefghijklmnopqrstuvwxyz";

    @TempDir
    Path tmp;

    @Test
    void checksCleanAndFitsItsBoard() {
        CliRun check = CliRun.of("check", FILE.toString());
        assertEquals(0, check.status(), check.out() + check.err());
        assertEquals("", check.out().strip());
        CliRun estimate = CliRun.of("estimate", FILE.toString(), "--format", "json");
        assertEquals(0, estimate.status(), estimate.err());
    }

    @Test
    void floatLogitsArePyTorchsAndFixedPointAgreesOnTheTopToken() {
        JsonObject expected = JsonParser.parseString(read(DIR.resolve("expected-logits.json"))).getAsJsonObject();
        JsonArray prompts = expected.getAsJsonArray("prompts");
        double worst = 0;
        int positions = 0, agree = 0;
        for (int p = 0; p < prompts.size(); p++) {
            String prompt = prompts.get(p).getAsString();
            JsonArray want = expected.getAsJsonArray("logits").get(p).getAsJsonArray();
            JsonArray got = PyTorchOracleTest.logits(FILE, prompt, "--float");
            JsonArray fixed = PyTorchOracleTest.logits(FILE, prompt, "--fixed");
            assertEquals(prompt.length() + 1, got.size(), "BOS, then the prompt");
            for (int t = 0; t < want.size(); t++) {
                for (int v = 0; v < 27; v++) {
                    double diff = Math.abs(want.get(t).getAsJsonArray().get(v).getAsDouble() - got.get(t).getAsJsonArray().get(v).getAsDouble());
                    worst = Math.max(worst, diff);
                    if (!(diff <= 1e-5)) fail("prompt '" + prompt + "' position " + t + " logit " + v + " differs by " + diff);
                }
                positions++;
                if (PyTorchOracleTest.argmax(want.get(t).getAsJsonArray()) == PyTorchOracleTest.argmax(fixed.get(t).getAsJsonArray())) agree++;
            }
        }
        TestReport.printf("names-gpt: max |float - PyTorch| %.3g over %d positions; fixed top-1 %d/%d%n", worst, positions, agree, positions);
        assertTrue(agree >= 0.9 * positions, agree + "/" + positions);
    }

    /** Its generated hardware (16 lanes, its board's target) in Icarus: every logit of two samples bit-exact, the cycles as planned. Slow profile. */
    @org.junit.jupiter.api.Tag("slow")
    @Test
    void itsHardwareSimulatesBitExactOnThePlansCycles() {
        CliRun sim = CliRun.of("sim", FILE.toString(), "--samples", "2", "--format", "json");
        assertEquals(0, sim.status(), sim.out() + sim.err());
        JsonObject r = JsonParser.parseString(sim.out()).getAsJsonObject();
        assertTrue(r.get("bitExact").getAsBoolean() && r.get("cyclesMatch").getAsBoolean(), sim.out());
        assertEquals(r.get("cyclesPerTokenPredicted").getAsDouble(), r.get("cyclesPerTokenMeasured").getAsDouble());
        // the import's target: the ULX3S's LFE5U-25F at the most lanes that fit it by the estimate
        java.util.regex.Matcher lanes = java.util.regex.Pattern.compile("\\blanes\\s+(\\d+)").matcher(read(FILE));
        assertTrue(lanes.find(), "the example names its lanes");
        assertEquals(Integer.parseInt(lanes.group(1)), r.get("lanes").getAsInt());
        assertEquals(27L * r.get("steps").getAsInt(), r.get("logitsCompared").getAsLong());
        assertTrue(r.get("steps").getAsInt() >= 2, sim.out());
    }

    @Test
    void isWhatImportWrites() throws Exception {
        Files.copy(DIR.resolve("names-gpt.safetensors"), tmp.resolve("names-gpt.safetensors"));
        Path out = tmp.resolve("names-gpt.bramble");
        CliRun run = CliRun.of("import", tmp.resolve("names-gpt.safetensors").toString(), "--heads", "4", "--tokens", CHARS, "--bos",
                "--temperature", "0.8", "-o", out.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(read(FILE), read(out));
        assertEquals(read(DIR.resolve("import-report.txt")).replace("wrote names-gpt.bramble", "wrote " + out), run.out());
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
