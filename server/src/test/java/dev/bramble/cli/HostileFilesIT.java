package dev.bramble.cli;

import dev.bramble.testing.HostileDesigns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.lsp.e2e.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI against files that are not what they claim, each in its own JVM with the heap
 * capped at 400 MB: a clear one-line error within 5 s, never a stack trace, never a hang. Where
 * {@code /usr/bin/time} exists the peak resident size is measured too and must stay under 500 MB.
 */
class HostileFilesIT {
    static final long LIMIT_MILLIS = 5_000;
    static final long LIMIT_KB = 500 * 1024;
    static final Path TIME = Path.of("/usr/bin/time");

    @TempDir
    static Path dir;

    static final String MICROGPT_LIKE = """
            model m {
                vocab = 27
                context = 16
                dim = 16
                weights "WEIGHTS"
                embedding wte [vocab, dim]
                embedding wpe [context, dim] position
                linear lm_head [dim -> vocab]
                argmax
            }
            target t {
                device xc7a35t
                clock 100 MHz
                lanes 4
            }
            """;

    record Outcome(int status, String out, String err, long millis, long peakKb) {
        String all() {
            return out + err;
        }
    }

    static Outcome run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        boolean timed = Files.isExecutable(TIME);
        if (timed) command.addAll(List.of(TIME.toString(), "-f", "peak-kb %M", "-o", dir.resolve("time.txt").toString()));
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx400m",
                "-jar", ServerProcess.jar().toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt"), err = dir.resolve("err.txt");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = p.waitFor(LIMIT_MILLIS + 10_000, TimeUnit.MILLISECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!finished) p.destroyForcibly().waitFor();
        assertTrue(finished, "bramble " + String.join(" ", args) + " did not finish (a hang)");
        long peak = -1;
        if (timed) {
            for (String line : Files.readAllLines(dir.resolve("time.txt"))) {
                if (line.startsWith("peak-kb ")) peak = Long.parseLong(line.substring(8).trim());
            }
        }
        return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err), millis, peak);
    }

    /** A clear failure: status 1 (errors found) or 2 (unusable input), the expected words, fast, small, no trace. */
    static Outcome expectClearError(String expected, String... args) throws Exception {
        Outcome o = run(args);
        String what = "bramble " + String.join(" ", args) + " → status " + o.status() + ", " + o.millis() + " ms, "
                + o.peakKb() + " KB\n" + o.all();
        System.err.println("hostile: " + what.lines().findFirst().orElse(""));
        assertTrue(o.status() == 1 || o.status() == 2, what);
        assertTrue(o.all().contains(expected), "expected '" + expected + "' in: " + what);
        assertFalse(o.all().contains("\tat ") || o.all().contains("Exception in thread") || o.all().contains("Error:"), "a stack trace: " + what);
        assertTrue(o.millis() < LIMIT_MILLIS, "took " + o.millis() + " ms: " + what);
        if (o.peakKb() >= 0) assertTrue(o.peakKb() < LIMIT_KB, "peak " + o.peakKb() + " KB: " + what);
        return o;
    }

    static Path model(String name, String weights) throws IOException {
        return Files.writeString(dir.resolve(name), MICROGPT_LIKE.replace("WEIGHTS", weights));
    }

    static void mkfifo(Path path) throws Exception {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "mkfifo " + path);
    }

    @BeforeAll
    static void jar() {
        ServerProcess.jar();
    }

    @Test
    void descriptionThatIsAFifo() throws Exception {
        Path fifo = dir.resolve("pipe.bramble");
        mkfifo(fifo);
        expectClearError("not a regular file", "check", fifo.toString());
    }

    @Test
    void descriptionThatLinksToDevZero() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("zero.bramble"), Path.of("/dev/zero"));
        expectClearError("not a regular file", "check", link.toString());
    }

    @Test
    void descriptionThatIsADirectory() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder.bramble"));
        expectClearError("is a directory", "check", folder.toString());
    }

    @Test
    void fiveMegabytesOfBinary() throws Exception {
        byte[] bytes = new byte[5_000_000];
        new Random(17).nextBytes(bytes);
        Path binary = Files.write(dir.resolve("binary.bramble"), bytes);
        expectClearError("larger than 4 MiB", "check", binary.toString());
        Path weights = Files.write(dir.resolve("binary.safetensors"), bytes);
        expectClearError("not a valid safetensors file", "check", model("binary-weights.bramble", weights.getFileName().toString()).toString());
    }

    @Test
    void binaryUnderTheSizeLimit() throws Exception {
        byte[] bytes = new byte[1_000_000];   // NUL bytes: valid UTF-8, but not text
        Path zeros = Files.write(dir.resolve("zeros.bramble"), bytes);
        expectClearError("[not-text]", "check", zeros.toString());
    }

    @Test
    void nulInTheWeightsPath() throws Exception {
        Path file = model("nul.bramble", "a\0b.safetensors");
        expectClearError("[not-text]", "check", file.toString());
    }

    @Test
    void weightsThatAreAFifoALinkToDevZeroOrADirectory() throws Exception {
        mkfifo(dir.resolve("pipe.safetensors"));
        expectClearError("not a regular file", "check", model("wfifo.bramble", "pipe.safetensors").toString());
        Files.createSymbolicLink(dir.resolve("zero.safetensors"), Path.of("/dev/zero"));
        expectClearError("not a regular file", "check", model("wzero.bramble", "zero.safetensors").toString());
        expectClearError("not a regular file", "run", model("wzero-run.bramble", "zero.safetensors").toString());
        Files.createDirectories(dir.resolve("folder.safetensors"));
        expectClearError("is a directory", "check", model("wdir.bramble", "folder.safetensors").toString());
    }

    @Test
    void hundredThousandNestedBlocks() throws Exception {
        int n = 100_000;
        String text = "model m {\n weights random seed 1\n input x [4]\n" + "block b{".repeat(n) + "}".repeat(n) + "\n argmax\n}\n";
        Path file = Files.writeString(dir.resolve("nested.bramble"), text, StandardCharsets.UTF_8);
        expectClearError("[nesting-depth]", "check", file.toString());
    }

    @Test
    void contextOfNineHundredNinetyNineMillion() throws Exception {
        // A position embedding sized by the context: a model no FPGA holds, reported before planning.
        String text = MICROGPT_LIKE.replace("context = 16", "context = 999999999").replace("\"WEIGHTS\"", "random seed 1");
        Path file = Files.writeString(dir.resolve("context.bramble"), text);
        expectClearError("[too-large]", "check", file.toString());
        expectClearError("[too-large]", "estimate", file.toString());
        expectClearError("[too-large]", "run", file.toString());
        // Only attention's cache grows with the context: planned and estimated in closed form.
        String kv = HostileDesigns.HUGE_CONTEXT_ATTENTION;
        Path kvFile = Files.writeString(dir.resolve("kv.bramble"), kv);
        expectClearError("[bram-over]", "check", kvFile.toString());
        Outcome estimate = run("estimate", "--format", "json", kvFile.toString());
        assertTrue(estimate.out().replaceAll("\\s", "").contains("\"cyclesPerPositionListed\":4096"), estimate.all());
        assertTrue(estimate.millis() < LIMIT_MILLIS, estimate.millis() + " ms");
    }
}
