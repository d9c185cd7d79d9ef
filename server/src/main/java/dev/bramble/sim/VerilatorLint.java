package dev.bramble.sim;

import dev.bramble.tools.Tool;
import dev.bramble.tools.ToolLocator;
import dev.bramble.tools.ProcessRunner;
import dev.bramble.errors.UserError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code verilator --lint-only -Wall}: the warnings of a set of sources under one top module. */
public final class VerilatorLint {
    private VerilatorLint() {}

    /** Every warning and error line (empty when clean). Waivers live next to the lines they excuse. */
    public static List<String> lint(List<Path> sources, String top, Path workDir) throws UserError {
        Path verilator = ToolLocator.system().require(Tool.VERILATOR);
        List<String> cmd = new ArrayList<>(List.of(verilator.toString(), "--lint-only", "-Wall", "--top-module", top));
        for (Path s : sources) cmd.add(s.toAbsolutePath().toString());
        ProcessRunner.Result r = ProcessRunner.run(cmd, workDir, Duration.ofMinutes(2), "lint");
        List<String> issues = new ArrayList<>();
        for (String line : (r.stdout() + "\n" + r.stderr()).split("\n")) {
            if (line.startsWith("%Warning") || (line.startsWith("%Error") && !line.startsWith("%Error: Exiting due to"))) issues.add(line);
        }
        if (r.timedOut()) issues.add("verilator --lint-only ran past 2 minutes");
        else if (r.exitCode() != 0 && issues.isEmpty()) issues.add("verilator --lint-only failed: " + r.tail(5));
        return issues;
    }
}
