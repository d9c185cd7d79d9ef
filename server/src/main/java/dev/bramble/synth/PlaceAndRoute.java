package dev.bramble.synth;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.bramble.device.Device;
import dev.bramble.errors.UserError;
import dev.bramble.tools.ProcessRunner;
import dev.bramble.tools.ToolError;
import dev.bramble.tools.Tool;
import dev.bramble.tools.ToolLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * nextpnr-ice40 on an emitted design: the maximum clock the placed and routed core reaches on
 * the part. The core's ports (a wide logits debug bus among them) would need far more pins
 * than any iCE40 package has, so it is placed inside a two-pin harness ({@link PnrHarness}):
 * every input comes from a shift register, every output is folded into one registered XOR —
 * nothing of the core can be optimised away, and only two pins and the clock leave the chip.
 */
public final class PlaceAndRoute {
    /**
     * {@code maxClockMHz}: what nextpnr's timing analysis reports for the clock;
     * {@code throughDspMHz}: what the paths it cuts at the unregistered SB_MAC16s allow, or null
     * ({@link NextpnrReport}: nextpnr-ice40 0.4 does not time through them, so its figure alone
     * is an upper bound); {@code used}: nextpnr's utilization by bel type (used of available) — or,
     * when the design does not fit, {@code failure} says why and the numbers are absent.
     */
    public record Result(Double maxClockMHz, Double throughDspMHz, double targetClockMHz, Map<String, int[]> used, String failure, double seconds) {
        public boolean placed() {
            return failure == null;
        }

        /** The clock held against a target: nextpnr's, or less where a path through a cut DSP allows less. */
        public Double clockMHz() {
            return NextpnrReport.lower(maxClockMHz, throughDspMHz);
        }
    }

    private PlaceAndRoute() {}

    public static Result run(Device device, List<Path> sources, String top, Path dir, double clockMHz, Duration timeout)
            throws UserError, ToolError {
        if (device.nextpnr() == null) {
            throw new UserError(device.base() + ": place and route needs an iCE40 part (nextpnr-ice40); this part has none here");
        }
        Path nextpnr = ToolLocator.system().require(Tool.NEXTPNR_ICE40);
        long begin = System.nanoTime();
        List<String> reads = new ArrayList<>();
        for (Path s : sources) reads.add("read_verilog -sv " + s.toAbsolutePath());

        // 1. The core's ports, as Yosys elaborates them.
        YosysScript.run(dir, "ports", String.join("\n", reads) + "\nhierarchy -top " + top + "\nproc\nwrite_json ports.json\n", timeout);
        Path harness = dir.resolve(PnrHarness.MODULE + ".v");
        try {
            Files.writeString(harness, PnrHarness.verilog(top, ports(dir.resolve("ports.json"), top)));
        } catch (IOException e) {
            throw new UserError(dir + ": cannot write the place-and-route harness (" + e.getMessage() + ")");
        }
        // 2. Synthesis of harness + core for the family, written as nextpnr's netlist.
        YosysScript.run(dir, "pnr-synth", String.join("\n", reads) + "\nread_verilog -sv " + harness.toAbsolutePath() + "\n"
                + device.family().yosysSynth() + " -top " + PnrHarness.MODULE + " -json pnr.json\n", timeout);
        // 3. Place and route.
        List<String> cmd = new ArrayList<>(List.of(nextpnr.toString()));
        cmd.addAll(List.of(device.nextpnr().trim().split("\\s+")));
        cmd.addAll(List.of("--json", "pnr.json", "--freq", String.valueOf(clockMHz), "--report", "report.json", "--pcf-allow-unconstrained", "--timing-allow-fail"));
        ProcessRunner.Result r = ProcessRunner.run(cmd, dir, timeout, "nextpnr");
        double seconds = (System.nanoTime() - begin) / 1e9;
        if (r.timedOut()) throw new ToolError("nextpnr-ice40 ran longer than " + timeout.toSeconds() + " s and was stopped");
        if (r.exitCode() != 0) return new Result(null, null, clockMHz, Map.of(), failure(r, device.logic()), seconds);
        NextpnrReport report = NextpnrReport.read(dir.resolve("report.json"));
        return new Result(report.fmaxMHz(), report.throughDspMHz(), clockMHz, report.used(), null, seconds);
    }

    /** The line nextpnr explains a failed placement with (e.g. more DSPs than the part has). */
    private static String failure(ProcessRunner.Result r, int cells) {
        for (String line : (r.stderr() + "\n" + r.stdout()).split("\n")) {
            if (line.startsWith("ERROR:")) return NextpnrReport.explain(line.substring(6).strip(), cells);
        }
        return "nextpnr-ice40 failed:\n" + r.tail(5);
    }

    /** Port name → (direction, width) of the top module in Yosys's JSON netlist, in port order. */
    static List<PnrHarness.Port> ports(Path json, String top) throws ToolError {
        try {
            JsonObject module = JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonObject("modules").getAsJsonObject(top);
            List<PnrHarness.Port> ports = new ArrayList<>();
            for (Map.Entry<String, JsonElement> p : module.getAsJsonObject("ports").entrySet()) {
                JsonObject o = p.getValue().getAsJsonObject();
                ports.add(new PnrHarness.Port(p.getKey(), o.get("direction").getAsString().equals("input"), o.getAsJsonArray("bits").size()));
            }
            return ports;
        } catch (IOException | RuntimeException e) {
            throw new ToolError("cannot read the core's ports from Yosys: " + e.getMessage());
        }
    }
}
