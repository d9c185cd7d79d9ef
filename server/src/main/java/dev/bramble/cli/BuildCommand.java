package dev.bramble.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.bramble.board.BoardBuild;
import dev.bramble.board.BoardTarget;
import dev.bramble.errors.UserError;
import dev.bramble.tools.ToolError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code bramble build FILE}: the board top around the core, then a bitstream (iCE40) or a ready vendor project. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build the design for the target's board: iCE40 boards to a bitstream (.bin) and a timing report through"
                + " Yosys, nextpnr-ice40 and icepack; other boards to a ready project folder (pins, scripts, README).",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:built (iCE40: the clock is met)", "1:built, but the clock is not met or the design does not fit",
                "2:the input is not usable or a tool is missing", "4:a tool failed or ran out of time"})
final class BuildCommand implements Callable<Integer> {
    @Mixin
    DesignTarget design;

    @Mixin
    FormatOption output;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "where to build (default: build/TARGET)")
    Path dir;

    @Option(names = "--baud", paramLabel = "B", description = "serial baud rate of the board top (default: the target's 'baud', else 115200)")
    Integer baud;

    @Option(names = "--timeout", defaultValue = "1800", description = "seconds before a tool is stopped (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            HardwareInputs in = design.hardware();
            BoardTarget bt = BoardTarget.of(design.file, in.target(), baud);
            Path where = dir != null ? dir : Path.of("build", in.target().name());
            BoardBuild.Result r = BoardBuild.run(in.weights(), bt, where, Duration.ofSeconds(timeoutSeconds), line -> {
                err.println("bramble: " + line);
                err.flush();
            });
            if (output.json()) {
                out.println(new GsonBuilder().setPrettyPrinting().create().toJson(r.json()));
            } else {
                for (String line : r.lines()) out.println(line);
            }
            out.flush();
            return r.ok() ? 0 : 1;
        } catch (UserError e) {
            err.println("bramble: " + e.getMessage());
            err.flush();
            return 2;
        } catch (ToolError e) {
            err.println("bramble: build failed: " + e.getMessage());
            err.flush();
            return 4;
        }
    }
}
