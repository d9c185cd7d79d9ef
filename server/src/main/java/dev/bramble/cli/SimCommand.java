package dev.bramble.cli;

import com.google.gson.GsonBuilder;
import dev.bramble.errors.UserError;
import dev.bramble.sim.DesignSimulation;
import dev.bramble.sim.SimulationJson;
import dev.bramble.tools.ToolError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bramble sim FILE}: emit, simulate, and compare every logit with the fixed-point reference. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Emit the design, simulate it in Icarus Verilog or Verilator, and compare every logit of every step with the reference model.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:bit-exact and the cycles match the plan", "1:a mismatch (logits, tokens or cycles)",
                        "2:the input or a tool is not usable (the message says what to install or fix)", "4:the simulation failed or hung"})
final class SimCommand implements Callable<Integer> {
    @Mixin
    DesignTarget design;

    @Option(names = "--samples", defaultValue = "1", description = "how many samples (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--prompt", description = "text every sample starts with (through the tokens charset)")
    String prompt;

    @Option(names = "--seed", description = "sampler seed (default: the model's 'sample ... seed', else 0)")
    Long seed;

    @Option(names = "--simulator", defaultValue = "icarus", description = "icarus or verilator (default: ${DEFAULT-VALUE}; iverilog is taken for icarus)")
    String simulator;

    @Option(names = "--vcd", paramLabel = "FILE", description = "write a waveform")
    Path vcd;

    @Mixin
    FormatOption output;

    @Option(names = "--keep", paramLabel = "DIR", description = "simulate in DIR and keep it (default: a temporary directory)")
    Path keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (samples < 1) throw new UserError("--samples must be at least 1, found " + samples);
            HardwareInputs in = design.hardware();
            List<Integer> promptTokens = ModelLoading.tokens(in.weights().model(), prompt, "--prompt");
            DesignSimulation.Result r = DesignSimulation.run(new DesignSimulation.Request(in.weights(), in.target(), samples, promptTokens,
                    seed, simulator, vcd, keep));
            if (output.json()) out.println(json(r));
            else text(out, r);
            out.flush();
            return r.bitExact() && r.cyclesMatch() ? 0 : 1;
        } catch (UserError e) {
            err.println("bramble: " + e.getMessage());
            err.flush();
            return 2;
        } catch (ToolError e) {
            err.println("bramble: simulation failed: " + e.getMessage());
            err.flush();
            return 4;
        }
    }

    private static void text(PrintWriter out, DesignSimulation.Result r) {
        for (String s : r.samples()) out.println(s);
        out.println(String.format(Locale.ROOT, "cycles/token: %.1f measured, %.1f predicted%s", r.cyclesPerTokenMeasured(),
                r.cyclesPerTokenPredicted(), r.cyclesMatch() ? " (every op of every step as planned)" : " — MISMATCH: " + r.firstCycleMismatch()));
        out.println(String.format(Locale.ROOT, "%s, %d lanes: %d cycles simulated, wall %.2f s (%s)", r.simulator(), r.lanes(),
                r.simulatedCycles(), r.wallSeconds(), r.buildSeconds() == 0 ? "compiled model from the cache"
                        : String.format(Locale.ROOT, "build %.2f s", r.buildSeconds())));
        if (r.bitExact()) out.println("bit-exact: " + r.steps() + " steps, " + r.logitsCompared() + " logits");
        else out.println(r.firstMismatch().describe());
    }

    static String json(DesignSimulation.Result r) {
        return new GsonBuilder().serializeNulls().create().toJson(SimulationJson.of(r));
    }
}
