package dev.bramble.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCompareCommandTest {
    /** The shipped example: its weights may be random or trained, so only weight-independent checks use it. */
    static final String EXAMPLE = Path.of("..", "examples", "microgpt", "microgpt.bramble").toString();
    static final String DIGITS = Path.of("..", "examples", "digits", "digits.bramble").toString();

    @TempDir
    Path dir;

    /** microGPT with random weights (seed 42), a copy in the temporary folder. */
    String MICROGPT;

    @org.junit.jupiter.api.BeforeEach
    void copyRandomMicrogpt() throws Exception {
        Path file = dir.resolve("microgpt.bramble");
        try (var in = getClass().getResourceAsStream("/golden/microgpt-random.bramble")) {
            Files.write(file, in.readAllBytes());
        }
        MICROGPT = file.toString();
    }

    @Test
    void theShippedExampleRunsInBothBackEnds() {
        for (String backend : new String[] {"--fixed", "--float"}) {
            CliRun run = CliRun.of("run", EXAMPLE, "--samples", "4", backend);
            assertEquals(0, run.status(), run.err());
            for (String line : run.out().split("\n")) assertTrue(line.matches("[a-z]{0,16}"), line);
        }
        assertEquals(0, CliRun.of("compare", EXAMPLE, "--steps", "50").status());
    }

    @Test
    void runPrintsSamplesThroughTheCharsetAndIsDeterministic() {
        CliRun run = CliRun.of("run", MICROGPT, "--samples", "6");
        assertEquals(0, run.status(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(6, lines.length);
        for (String line : lines) assertTrue(line.matches("[a-z]{0,16}"), line);
        assertEquals(run.out(), CliRun.of("run", MICROGPT, "--samples", "6").out());
        assertNotEquals(run.out(), CliRun.of("run", MICROGPT, "--samples", "6", "--seed", "99").out());
    }

    @Test
    void promptStartsEverySampleAndFloatRuns() {
        CliRun run = CliRun.of("run", MICROGPT, "--samples", "3", "--prompt", "em", "--float");
        assertEquals(0, run.status(), run.err());
        for (String line : run.out().split("\n")) assertTrue(line.startsWith("em") && line.length() <= 16, line);
    }

    @Test
    void vectorModelPrintsClasses() {
        CliRun run = CliRun.of("run", DIGITS, "--samples", "2");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().matches("input 1: class \\d\ninput 2: class \\d\n"), run.out());
    }

    @Test
    void badInputsAreOneLineErrorsWithStatus2() {
        CliRun prompt = CliRun.of("run", MICROGPT, "--prompt", "Ab");
        assertEquals(2, prompt.status());
        assertTrue(prompt.err().contains("character 'A' is not in the tokens charset"), prompt.err());
        CliRun missing = CliRun.of("run", dir.resolve("none.bramble").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("no such file"), missing.err());
        CliRun tooLong = CliRun.of("run", MICROGPT, "--prompt", "abcdefghijklmnop");
        assertEquals(2, tooLong.status());
        assertTrue(tooLong.err().contains("16 tokens leave no room in the context of 16; use at most 14"), tooLong.err());
        CliRun samples = CliRun.of("run", MICROGPT, "--samples", "0");
        assertEquals(2, samples.status());
        assertEquals(1, samples.err().trim().split("\n").length);
    }

    @Test
    void missingWeightsFileIsAClearError() throws Exception {
        String source = Files.readString(Path.of(MICROGPT)).replace("weights random seed 42", "weights \"trained.safetensors\"");
        Path file = dir.resolve("m.bramble");
        Files.writeString(file, source);
        CliRun run = CliRun.of("compare", file.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("trained.safetensors: no such weights file"), run.err());
        assertFalse(run.err().contains("Exception"));
    }

    @Test
    void formatsTooWideForTheReferenceAreRefusedWithTheReason() throws Exception {
        String source = Files.readString(Path.of(MICROGPT)).replace("numeric weights q4.12, activations q4.12", "numeric weights q16.16, activations q16.16");
        Path file = dir.resolve("wide.bramble");
        Files.writeString(file, source);
        CliRun run = CliRun.of("run", file.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("needs 71-bit accumulators for weights q16.16 and activations q16.16"), run.err());
    }

    @Test
    void compareJsonHasTheAgreementFigures() {
        CliRun run = CliRun.of("compare", MICROGPT, "--steps", "300", "--format", "json");
        assertEquals(0, run.status(), run.err());
        JsonObject o = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(300, o.get("steps").getAsInt());
        double top1 = o.get("top1Agreement").getAsDouble();
        assertTrue(top1 > 0.95 && top1 <= 1, "top-1 " + top1);
        assertTrue(o.get("maxLogitError").getAsDouble() < 0.05);
        assertTrue(o.get("meanLogitError").getAsDouble() <= o.get("maxLogitError").getAsDouble());
        assertFalse(o.has("floatLoss"));
        assertEquals(0, o.get("activationsAtLimit").getAsLong(), "random microGPT stays inside q4.12");
        assertEquals(300 * 208, o.get("activationValues").getAsLong(), "16·13 layer outputs per step");
    }

    @Test
    void compareCountsSaturatedActivationsAndSuggestsAFormat() throws Exception {
        // Larger weights in a narrow activation format: the residual stream must hit the limit.
        String source = Files.readString(Path.of(MICROGPT)).replace("numeric weights q4.12, activations q4.12", "numeric weights q4.12, activations q2.14");
        Path file = dir.resolve("narrow.bramble");
        Files.writeString(file, source);
        CliRun run = CliRun.of("compare", file.toString(), "--steps", "100");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().matches("(?s).*activations at the q2.14 limit: [1-9]\\d* of 20800 .*most in .*\\(line \\d+\\).*"), run.out());
        assertTrue(run.out().contains("'activations q3.13' would hold them at the same width"), run.out());
    }

    @Test
    void compareOnACorpusReportsBothLosses() throws Exception {
        Path corpus = dir.resolve("names.txt");
        Files.writeString(corpus, "emma\nolivia\nava\nisabella\nsophia\n");
        CliRun run = CliRun.of("compare", MICROGPT, "--data", corpus.toString(), "--format", "json");
        assertEquals(0, run.status(), run.err());
        JsonObject o = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals((4 + 1) + (6 + 1) + (3 + 1) + (8 + 1) + (6 + 1), o.get("steps").getAsInt(), "every position of every document, BOS to BOS");
        double floatLoss = o.get("floatLoss").getAsDouble(), fixedLoss = o.get("fixedLoss").getAsDouble();
        assertEquals(Math.log(27), floatLoss, 0.3, "random weights predict about uniformly");
        assertEquals(floatLoss, fixedLoss, 0.01);
        CliRun text = CliRun.of("compare", MICROGPT, "--data", corpus.toString());
        assertTrue(text.out().contains("top-1 agreement") && text.out().contains("loss (nats/token) float"), text.out());
        Files.writeString(corpus, "emma\nZed\n");
        CliRun bad = CliRun.of("compare", MICROGPT, "--data", corpus.toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("names.txt:2: character 'Z'"), bad.err());
        CliRun missing = CliRun.of("compare", MICROGPT, "--data", dir.resolve("none.txt").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("none.txt: no such corpus file; check the --data path"), missing.err());
        Files.write(corpus, new byte[] {'a', (byte) 0xFF, '\n'});
        assertTrue(CliRun.of("compare", MICROGPT, "--data", corpus.toString()).err().contains("is not UTF-8 text"));
    }
}
