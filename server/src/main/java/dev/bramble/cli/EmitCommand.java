package dev.bramble.cli;

import dev.bramble.errors.UserError;
import dev.bramble.rtl.Emitter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bramble emit FILE [--target NAME] [-o DIR]}: write the Verilog directory. */
@Command(name = "emit", mixinStandardHelpOptions = true,
        description = "Write synthesizable Verilog for the model on a target: top module, rtl-lib modules, ROM images, testbench, README.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:written", "2:the file, its weights, the target or the output directory is not usable"})
final class EmitCommand implements Callable<Integer> {
    @Mixin
    DesignTarget design;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "output directory (default: build/MODEL-TARGET)")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            HardwareInputs in = design.hardware();
            Path dir = output != null ? output : Path.of("build", in.weights().model().name() + "-" + in.target().name());
            Emitter.Emitted e = Emitter.emit(in.weights(), in.target(), dir);
            out.println("wrote " + dir + ": top module " + e.top() + " (" + e.program().lanes() + " lanes, "
                    + e.program().ops().size() + " steps, " + e.program().cyclesAt(0) + " cycles at position 0), testbench " + e.testbench()
                    + ", " + e.sources().size() + " sources in files.f");
            out.flush();
            return 0;
        } catch (UserError e) {
            err.println("bramble: " + e.getMessage());
            err.flush();
            return 2;
        }
    }
}
