package dev.bramble.synth;

import dev.bramble.errors.UserError;
import dev.bramble.tools.ProcessRunner;
import dev.bramble.tools.ToolError;
import dev.bramble.tools.Tool;
import dev.bramble.tools.ToolLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs a Yosys script in a directory: writes it as {@code NAME.ys}, runs {@code yosys -q -s} there
 * (output in {@code NAME.out}/{@code NAME.err}), and turns a timeout or a failure into one error
 * with the end of Yosys's output. Synthesis and place-and-route both call Yosys this way.
 */
final class YosysScript {
    private YosysScript() {}

    /** The finished run (its wall time among it); throws when Yosys is missing, timed out or failed. */
    static ProcessRunner.Result run(Path dir, String name, String script, Duration timeout) throws UserError, ToolError {
        Path yosys = ToolLocator.system().require(Tool.YOSYS);
        try {
            Files.writeString(dir.resolve(name + ".ys"), script);
        } catch (IOException e) {
            throw new UserError(dir + ": cannot write the Yosys script (" + e.getMessage() + ")");
        }
        ProcessRunner.Result r = ProcessRunner.run(List.of(yosys.toString(), "-q", "-s", name + ".ys"), dir, timeout, name);
        if (r.timedOut()) throw new ToolError("yosys ran longer than " + timeout.toSeconds() + " s and was stopped");
        if (r.exitCode() != 0) throw new ToolError("yosys failed:\n" + r.tail(15));
        return r;
    }
}
