package dev.bramble.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    static final Path MICROGPT = Path.of("..", "examples", "microgpt", "microgpt.bramble");
    static final Path DIGITS = Path.of("..", "examples", "digits", "digits.bramble");

    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    static final String MISMATCH = """
            model m {
                weights random seed 1
                embedding wte [27, 16]
                linear mlp_fc1 [16 -> 64] relu
                linear mlp_fc2 [16 -> 16]
                linear lm_head [16 -> 27]
                argmax
            }
            """;

    @Test
    void cleanExamplesPrintNothingAndExitZero() {
        CliRun r = CliRun.of("check", MICROGPT.toString(), DIGITS.toString());
        assertEquals("", r.out());
        assertEquals("", r.err());
        assertEquals(0, r.status());
    }

    @Test
    void errorsPrintLikeACompilerWithOneBasedPositions() throws IOException {
        Path file = write("bad.bramble", MISMATCH);
        CliRun r = CliRun.of("check", file.toString());
        assertEquals(file + ":5:21: error: linear mlp_fc2 expects 16 inputs, but mlp_fc1 gives it 64 [width-mismatch]\n",
                r.out());
        assertEquals(1, r.status());
    }

    @Test
    void jsonFormatHasEveryField() throws IOException {
        Path file = write("bad.bramble", MISMATCH);
        CliRun r = CliRun.of("check", "--format", "json", file.toString());
        JsonArray array = JsonParser.parseString(r.out()).getAsJsonArray();
        assertEquals(1, array.size());
        JsonObject d = array.get(0).getAsJsonObject();
        assertEquals(file.toString(), d.get("file").getAsString());
        assertEquals(5, d.get("line").getAsInt());
        assertEquals(21, d.get("column").getAsInt());
        assertEquals(5, d.get("endLine").getAsInt());
        assertEquals(23, d.get("endColumn").getAsInt());
        assertEquals("error", d.get("severity").getAsString());
        assertEquals("width-mismatch", d.get("code").getAsString());
        assertTrue(d.get("message").getAsString().contains("expects 16 inputs"));
        assertEquals(1, r.status());
    }

    @Test
    void warningsAloneExitZero() throws IOException {
        Path file = write("w.bramble", "model m {\n    input x [4]\n    argmax\n}\n");
        CliRun r = CliRun.of("check", file.toString());
        assertTrue(r.out().contains(": warning: "), r.out());
        assertEquals(0, r.status());
    }

    @Test
    void missingFileIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("check", dir.resolve("nope.bramble").toString());
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("nope.bramble: no such file"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void directoryAndBinaryFilesAreRefusedClearly() throws IOException {
        Path binary = dir.resolve("model.bin");
        Files.write(binary, new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1});
        CliRun r = CliRun.of("check", dir.toString(), binary.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("is a directory"), r.err());
        assertTrue(r.err().contains("is not UTF-8 text"), r.err());
    }

    @Test
    void unknownOptionSaysHowToGetHelp() {
        CliRun r = CliRun.of("check", "--nope", MICROGPT.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("Unknown option"), r.err());
    }

    @Test
    void checkAlsoReadsTheWeightsFile() throws IOException {
        Path file = write("w.bramble", """
                model m {
                    input x [4]
                    weights "missing.safetensors"
                    linear fc [4 -> 2]
                    argmax
                }
                """);
        CliRun r = CliRun.of("check", file.toString());
        assertTrue(r.out().startsWith(file + ":3:5: error: "), r.out());
        assertTrue(r.out().contains("[weights-not-found]"), r.out());
        assertEquals(1, r.status());
    }

    @Test
    void checkReportsTheBudgetOnTheOverflowingLayerAndTheDevice() throws IOException {
        Path file = write("big.bramble", """
                model m {
                    dim = 512
                    weights random seed 1
                    embedding wte [27, dim]
                    linear fc [dim -> 4 * dim] relu
                    linear fc2 [4 * dim -> dim]
                    linear lm_head [dim -> 27]
                    argmax
                }
                target arty {
                    device xc7a35t
                    clock 100 MHz
                    lanes 16
                }
                """);
        CliRun r = CliRun.of("check", file.toString());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith(file + ":5:5: error: fc brings weights to "), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(file + ":11:5: error: ") && l.endsWith("[bram-over]")), r.out());
        assertEquals(1, r.status());
    }
}
