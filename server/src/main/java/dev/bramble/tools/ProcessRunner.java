package dev.bramble.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program to completion or until a timeout, whichever comes first. Output
 * goes to files in the working directory (never to a pipe that could fill up and stall the
 * child), and a timed-out program is killed with its whole process tree.
 */
public final class ProcessRunner {
    private ProcessRunner() {}

    /** What a finished (or killed) program left behind. */
    public record Result(List<String> command, int exitCode, boolean timedOut, String stdout, String stderr,
                         Duration wall) {
        public boolean ok() {
            return !timedOut && exitCode == 0;
        }

        /** The last lines of the program's output, for error messages. */
        public String tail(int lines) {
            String all = (stdout + "\n" + stderr).strip();
            String[] split = all.split("\n");
            int from = Math.max(0, split.length - lines);
            return String.join("\n", List.of(split).subList(from, split.length));
        }
    }

    public static Result run(List<String> command, Path workDir, Duration timeout) {
        return run(command, workDir, timeout, "run");
    }

    /** {@code logName} names the output files ({@code NAME.out}, {@code NAME.err}) in {@code workDir}. */
    public static Result run(List<String> command, Path workDir, Duration timeout, String logName) {
        Path out = workDir.resolve(logName + ".out");
        Path err = workDir.resolve(logName + ".err");
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return new Result(List.copyOf(command), finished ? process.exitValue() : -1, !finished, read(out), read(err), wall);
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? new String(Files.readAllBytes(p), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
