package dev.bramble.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    static final String MODEL = """
            model tiny {
                context = 6
                weights "tiny.safetensors"
                tokens "abc" bos
                embedding wte [4, 8]
                embedding wpe [6, 8] position
                rmsnorm
                residual {
                    rmsnorm
                    attention heads 2 {
                        linear q [8 -> 8]
                        linear k [8 -> 8]
                        linear v [8 -> 8]
                        linear o [8 -> 8]
                    }
                }
                linear lm_head [8 -> 4]
                sample temperature 0.5 seed 1
            }
            """;

    @TempDir
    Path dir;
    Path model;
    Path corpus;

    @BeforeEach
    void files() throws IOException {
        model = dir.resolve("tiny.bramble");
        Files.writeString(model, MODEL);
        StringBuilder text = new StringBuilder();
        String[] words = {"abc", "cab", "bca", "aab", "cc", "abcab", "ba", "cabca"};
        for (int i = 0; i < 40; i++) text.append(words[i % words.length]).append('\n');
        corpus = dir.resolve("words.txt");
        Files.writeString(corpus, text);
    }

    @Test
    void trainsWritesTheModelsWeightsFileAndReportsBothLosses() throws IOException {
        CliRun r = CliRun.of("train", model.toString(), "--data", corpus.toString(), "--steps", "200", "--seed", "3");
        assertEquals("", r.err());
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("training tiny (368 weights) on words.txt: 36 documents, 4 held out; 200 steps, lr 0.002, seed 3\n"),
                r.out());
        assertFalse(r.out().contains("\r"), "not a terminal: plain lines, no carriage returns");
        assertEquals(10, r.out().lines().filter(l -> l.startsWith("step ")).count(), r.out());
        assertTrue(r.out().contains("step 200/200 | loss "), r.out());
        assertTrue(r.out().matches("(?s).*train loss \\d\\.\\d{4} nats/char, held-out loss \\d\\.\\d{4} nats/char \\(a bigram count table: \\d\\.\\d{4}\\)\n.*"),
                r.out());
        Path weights = dir.resolve("tiny.safetensors");
        assertTrue(r.out().endsWith("wrote " + weights.toAbsolutePath() + "\n"), r.out());

        // The reference model loads what training wrote and generates from it.
        CliRun run = CliRun.of("run", model.toString(), "--samples", "3");
        assertEquals(0, run.status(), run.err());
        assertEquals(3, run.out().lines().count(), run.out());
    }

    @Test
    void documentsLongerThanTheContextAreCutAndTheOutputSaysSo() throws IOException {
        Files.writeString(corpus, ("abcabcabc\n" + "ab\n").repeat(10));
        CliRun r = CliRun.of("train", model.toString(), "--data", corpus.toString(), "--steps", "20");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("note: documents up to 9 characters; the context is 6, so longer ones are cut after 6 predictions\n"),
                r.out());
    }

    @Test
    void theSameSeedWritesIdenticalBytes() throws IOException {
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        Path c = dir.resolve("c.safetensors");
        assertEquals(0, CliRun.of("train", model.toString(), "--data", corpus.toString(), "--steps", "50", "-o", a.toString()).status());
        assertEquals(0, CliRun.of("train", model.toString(), "--data", corpus.toString(), "--steps", "50", "-o", b.toString()).status());
        assertEquals(0, CliRun.of("train", model.toString(), "--data", corpus.toString(), "--steps", "50", "--seed", "7",
                "-o", c.toString()).status());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
    }

    @Test
    void aCharacterOutsideTheCharsetIsAnErrorNamingFileAndLine() throws IOException {
        Files.writeString(corpus, "abc\nabd\n");
        CliRun r = CliRun.of("train", model.toString(), "--data", corpus.toString());
        assertEquals(2, r.status());
        assertEquals("bramble: " + corpus + ":2:3: character 'd' (U+0064) is not in the model's tokens charset \"abc\";"
                + " remove it from the corpus or add it to the charset (and the vocabulary)\n", r.err());
        assertFalse(Files.exists(dir.resolve("tiny.safetensors")));
    }

    @Test
    void anInputVectorModelIsRefusedWithAReason() {
        Path digits = Path.of("..", "examples", "digits", "digits.bramble");
        CliRun r = CliRun.of("train", digits.toString(), "--data", corpus.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("bramble: " + digits + ":3: model digits reads an input vector (input x [64]);"
                + " bramble train trains character-level language models"), r.err());
    }

    @Test
    void badArgumentsAndBrokenModelsExitTwoWithoutATrace() throws IOException {
        CliRun steps = CliRun.of("train", model.toString(), "--data", corpus.toString(), "--steps", "0");
        assertEquals(2, steps.status());
        assertEquals("bramble: --steps 0: give at least 1 step\n", steps.err());

        Path nowhere = dir.resolve("no-such-dir").resolve("w.safetensors");
        CliRun badOutput = CliRun.of("train", model.toString(), "--data", corpus.toString(), "-o", nowhere.toString());
        assertEquals(2, badOutput.status());
        assertEquals("bramble: " + nowhere + ": cannot write there (" + nowhere.getParent()
                + " is not a writable directory); give another -o path\n", badOutput.err());
        assertEquals("", badOutput.out(), "refused before training starts");

        CliRun noData = CliRun.of("train", model.toString());
        assertEquals(2, noData.status());
        assertTrue(noData.err().contains("Missing required option: '--data=CORPUS'"), noData.err());

        CliRun missing = CliRun.of("train", model.toString(), "--data", dir.resolve("none.txt").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().startsWith("bramble: " + dir.resolve("none.txt") + ": no such file"), missing.err());

        Files.writeString(model, MODEL.replace("linear lm_head [8 -> 4]", "linear lm_head [7 -> 4]"));
        CliRun broken = CliRun.of("train", model.toString(), "--data", corpus.toString());
        assertEquals(2, broken.status());
        assertTrue(broken.err().contains("[width-mismatch] (fix the errors 'bramble check"), broken.err());
        assertFalse(broken.err().contains("Exception"), broken.err());

        Files.writeString(model, MODEL.replace("context = 6", "context = 100000").replace("[6, 8] position", "[100000, 8] position"));
        CliRun huge = CliRun.of("train", model.toString(), "--data", corpus.toString());
        assertEquals(2, huge.status());
        assertTrue(huge.err().matches("bramble: .*tiny.bramble:1: model tiny needs about \\d+ MiB to train .*\n"), huge.err());

        Files.writeString(model, MODEL.replace("tokens \"abc\" bos", "tokens \"abcd\""));
        CliRun noBos = CliRun.of("train", model.toString(), "--data", corpus.toString());
        assertEquals(2, noBos.status());
        assertTrue(noBos.err().startsWith("bramble: " + model + ":4: the tokens line has no bos; add bos"), noBos.err());
    }
}
