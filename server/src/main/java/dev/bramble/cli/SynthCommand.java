package dev.bramble.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.bramble.device.Device;
import dev.bramble.device.DeviceCatalog;
import dev.bramble.estimate.Estimate;
import dev.bramble.estimate.Estimator;
import dev.bramble.project.UserError;
import dev.bramble.rtl.Emitter;
import dev.bramble.rtl.PlanSource;
import dev.bramble.sim.SimulationError;
import dev.bramble.synth.YosysSynthesis;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bramble synth FILE}: Yosys for the target's family, mapped resources beside the estimate. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Synthesize the emitted design with Yosys for the target's family and print block RAM, DSP, logic and flip-flops beside the estimate.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:synthesized", "2:the input or Yosys is not usable", "4:Yosys failed or ran out of time"})
final class SynthCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the .bramble file")
    Path file;

    @Option(names = "--target", paramLabel = "NAME", description = "the target block (default: the first)")
    String target;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @Option(names = "--timeout", defaultValue = "1800", description = "seconds before Yosys is stopped (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            HardwareInputs in = HardwareInputs.load(file, target);
            Device device = DeviceCatalog.standard().find(in.target().device()).orElseThrow(() -> new UserError(
                    file + ": target " + in.target().name() + ": unknown device '" + in.target().device() + "'; 'bramble devices' lists the known parts"));
            Path dir;
            try {
                dir = Files.createTempDirectory("bramble-synth-");
            } catch (IOException e) {
                throw new UserError("cannot create a temporary directory: " + e.getMessage());
            }
            Emitter.Emitted e = Emitter.emit(in.weights(), in.target(), dir);
            var sources = e.sourcePaths().stream().filter(p -> !p.getFileName().toString().equals(e.testbench() + ".v")).toList();
            YosysSynthesis.Mapped m = YosysSynthesis.run(device.family(), sources, e.top(), dir, Duration.ofSeconds(timeoutSeconds));
            Estimate est = Estimator.estimate(PlanSource.plan(in.weights().model(), in.target()));
            int estDspCells = est.dspCells().values().stream().mapToInt(Integer::intValue).sum();
            if (format == OutputFormat.json) {
                JsonObject o = new JsonObject();
                o.addProperty("device", device.name());
                o.addProperty("family", m.family());
                o.addProperty("bram", m.bram());
                o.addProperty("dsp", m.dspCells());
                o.addProperty("logic", m.logic());
                o.addProperty("ff", m.ffs());
                o.addProperty("estimatedBram", est.romBram() + est.kvBram());
                o.addProperty("estimatedDsp", estDspCells);
                o.addProperty("estimatedLogic", est.lut());
                o.addProperty("estimatedFf", est.ff());
                o.addProperty("yosysSeconds", m.seconds());
                o.add("cells", new GsonBuilder().create().toJsonTree(m.cells()));
                out.println(new GsonBuilder().create().toJson(o));
            } else {
                out.println("Yosys (" + device.family().yosysSynth() + ") on " + e.top() + " for " + device.name() + ", " + String.format(Locale.ROOT, "%.1f s", m.seconds()));
                out.println(String.format(Locale.ROOT, "%-12s %10s %10s", "", "mapped", "estimated"));
                out.println(String.format(Locale.ROOT, "%-12s %10d %10d", "block RAM", m.bram(), est.romBram() + est.kvBram()));
                out.println(String.format(Locale.ROOT, "%-12s %10d %10d", "DSP cells", m.dspCells(), estDspCells));
                out.println(String.format(Locale.ROOT, "%-12s %10d %10d", "logic", m.logic(), est.lut()));
                out.println(String.format(Locale.ROOT, "%-12s %10d %10d", "flip-flops", m.ffs(), est.ff()));
                if (!device.family().yosysMapsBlockRam()) out.println("note: Yosys 0.23 cannot map initialised ROMs to " + device.family().blockRam().name() + " on this family; the estimate follows the vendor's rules");
                if (!device.family().yosysMapsDsp()) out.println("note: Yosys 0.23 leaves this family's multipliers in logic; the estimate follows the vendor's rules");
            }
            out.flush();
            return 0;
        } catch (UserError e) {
            err.println("bramble: " + e.getMessage());
            err.flush();
            return 2;
        } catch (SimulationError e) {
            err.println("bramble: synthesis failed: " + e.getMessage());
            err.flush();
            return 4;
        }
    }
}
