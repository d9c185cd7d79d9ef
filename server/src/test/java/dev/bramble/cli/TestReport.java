package dev.bramble.cli;

import java.util.Locale;

/**
 * A test's figures for the build log. Tests run in parallel, and {@link CliRun} swaps System.out
 * while a command runs: a line printed meanwhile would land in that command's captured output
 * (it once broke the JSON a build printed). So a report takes CliRun's lock, and waits for a
 * running command to finish.
 */
public final class TestReport {
    private TestReport() {}

    public static void println(String line) {
        synchronized (CliRun.class) {
            System.out.println(line);
        }
    }

    public static void printf(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        println(s.endsWith("\n") ? s.substring(0, s.length() - 1) : s);
    }
}
