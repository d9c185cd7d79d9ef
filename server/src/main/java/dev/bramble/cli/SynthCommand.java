package dev.bramble.cli;

import com.google.gson.Gson;
import dev.bramble.device.Device;
import dev.bramble.errors.UserError;
import dev.bramble.tools.ToolError;
import dev.bramble.synth.DesignSynthesis;
import dev.bramble.synth.SynthesisJson;
import dev.bramble.synth.YosysSynthesis;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bramble synth FILE}: Yosys for the target's family, mapped resources beside the estimate. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Synthesize the emitted design with Yosys for the target's family and print block RAM, DSP, logic and flip-flops beside the estimate.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:synthesized", "2:the input or Yosys is not usable", "4:Yosys failed or ran out of time"})
final class SynthCommand implements Callable<Integer> {
    @Mixin
    DesignTarget design;

    @Mixin
    FormatOption output;

    @Option(names = "--timeout", defaultValue = "1800", description = "seconds before Yosys is stopped (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--pnr", description = "also place and route with nextpnr-ice40 and report the maximum clock (iCE40 parts)")
    boolean placeAndRoute;

    @Spec
    CommandSpec spec;

    static String placedLine(dev.bramble.synth.PlaceAndRoute.Result p) {
        if (!p.placed()) return "nextpnr-ice40: does not place: " + p.failure();
        int[] lc = p.used().getOrDefault("ICESTORM_LC", new int[] {0, 0});
        String line = String.format(Locale.ROOT, "nextpnr-ice40: max clock %.1f MHz (target %s MHz: %s), %d of %d logic cells, %.1f s",
                p.maxClockMHz(), dev.bramble.estimate.EstimateTable.trim(p.targetClockMHz()),
                p.clockMHz() >= p.targetClockMHz() ? "met" : "NOT met", lc[0], lc[1], p.seconds());
        if (p.throughDspMHz() == null) return line;
        return line + String.format(Locale.ROOT, "%nnote: nextpnr-ice40 does not time paths through the multipliers used without their registers,"
                + " so %.1f MHz is an upper bound; a path into the slowest-fed one and out of the slowest-read one would allow %.1f MHz"
                + " (the multiplier's own delay not counted)", p.maxClockMHz(), p.throughDspMHz());
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            HardwareInputs in = design.hardware();
            DesignSynthesis.Report r = DesignSynthesis.run(in.weights(), in.target(), design.device(in.target()), Duration.ofSeconds(timeoutSeconds), placeAndRoute, stage -> {});
            YosysSynthesis.Mapped m = r.mapped();
            Device device = r.device();
            if (output.json()) {
                out.println(new Gson().toJson(SynthesisJson.of(r)));
            } else {
                out.println("Yosys (" + device.family().yosysSynth() + ") on " + r.top() + " for " + device.name() + ", " + String.format(Locale.ROOT, "%.1f s", m.seconds()));
                out.println(String.format(Locale.ROOT, "%-12s %10s %10s", "", "mapped", "estimated"));
                out.println(String.format(Locale.ROOT, "%-12s %10d %10d", "block RAM", m.bram(), r.estimatedBram()));
                if (r.hasLargeRam()) out.println(String.format(Locale.ROOT, "%-12s %10d %10d", device.largeRam().name(), r.largeRam(), r.estimatedLargeRam()));
                out.println(String.format(Locale.ROOT, "%-12s %10d %10d", "DSP cells", m.dspCells(), r.estimatedDspCells()));
                out.println(String.format(Locale.ROOT, "%-12s %10d %10d", "logic", m.logic(), r.estimate().lut()));
                out.println(String.format(Locale.ROOT, "%-12s %10d %10d", "flip-flops", m.ffs(), r.estimate().ff()));
                if (!device.family().yosysMapsBlockRam()) out.println("note: Yosys 0.23 cannot map initialised ROMs to " + device.family().blockRam().name() + " on this family: the block ROMs (weights, seed table) are left out of the logic above, as the vendor's tools place them in " + device.family().blockRam().name() + ", and their blocks are the estimate's");
                if (r.placed() != null) out.println(placedLine(r.placed()));
                if (!device.family().yosysMapsDsp()) {
                    int asMapped = r.estimatedLogicAsYosysMaps();
                    out.println("note: Yosys 0.23 leaves this family's multipliers in logic; the estimate follows the vendor's rules"
                            + (asMapped != r.estimate().lut() ? String.format(Locale.ROOT, " (with the multipliers in logic as Yosys builds them: %d)", asMapped) : ""));
                }
            }
            out.flush();
            return 0;
        } catch (UserError e) {
            err.println("bramble: " + e.getMessage());
            err.flush();
            return 2;
        } catch (ToolError e) {
            err.println("bramble: synthesis failed: " + e.getMessage());
            err.flush();
            return 4;
        }
    }
}
