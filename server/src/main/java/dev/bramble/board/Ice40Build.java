package dev.bramble.board;

import dev.bramble.errors.UserError;
import dev.bramble.tools.ProcessRunner;
import dev.bramble.tools.Tool;
import dev.bramble.tools.ToolError;
import dev.bramble.tools.ToolLocator;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The open iCE40 flow on a board design: Yosys (the family's script, {@code synth_ice40 -dsp -abc9}) to a netlist,
 * nextpnr-ice40 with the board's pins ({@code board.pcf}) and the reached clock to a placed and
 * routed design and a timing report, icepack to the bitstream. The result says whether the
 * clock is met; a design that does not fit or does not meet it is a result, not an exception.
 * Files in {@code DIR}: {@code board.pcf}, {@code yosys.log}, {@code nextpnr.log},
 * {@code timing.json} (nextpnr's report), {@code timing.txt}, {@code TOP.bin}.
 */
public final class Ice40Build {
    /** {@code bin} is null when the design did not place or route, or missed the clock. */
    public record Result(Path bin, Path timingReport, double targetMHz, Double maxMHz, Map<String, int[]> used, String failure,
                         double yosysSeconds, double nextpnrSeconds) {
        public boolean met() {
            return failure == null && maxMHz != null && maxMHz >= targetMHz;
        }
    }

    /**
     * Placements tried before a missed clock is reported: nextpnr-ice40 with seeds 1, 2, 3. A
     * design's reached clock moves by several per cent with the placement (microGPT at one lane
     * on the UP5K, seed 1: 5.80 to 6.40 MHz against its 6 MHz over four builds whose logic
     * differed only in names), and the first placement that meets the clock is kept, as a vendor
     * tool's seed sweep would.
     */
    static final int SEEDS = 3;

    private Ice40Build() {}

    public static Result run(BoardFiles files, Duration timeout, Consumer<String> progress) throws UserError, ToolError {
        BoardTarget bt = files.board();
        String nextpnrArgs = bt.board().device().nextpnr();
        if (nextpnrArgs == null) throw new UserError(bt.board().id() + ": its part has no nextpnr-ice40 arguments in the catalogue");
        ToolLocator tools = ToolLocator.system();
        Path yosys = tools.require(Tool.YOSYS);
        Path nextpnr = tools.require(Tool.NEXTPNR_ICE40);
        Path icepack = tools.require(Tool.ICEPACK);
        Path dir = files.dir();
        Path rtl = files.rtl();
        String top = files.top();
        try {
            Files.writeString(dir.resolve("board.pcf"), ProjectFiles.pcf(bt.board()));
            StringBuilder ys = new StringBuilder();
            for (String s : files.sources(false)) ys.append("read_verilog -sv ").append(s).append('\n');
            ys.append(bt.board().device().family().yosysSynth()).append(" -top ").append(top).append(" -json ").append(dir.resolve(top + ".json").toAbsolutePath()).append('\n');
            ys.append("tee -q -o ").append(dir.resolve("utilization.txt").toAbsolutePath()).append(" stat\n");
            Files.writeString(dir.resolve("synth.ys"), ys.toString());
        } catch (IOException e) {
            throw new UserError(dir + ": cannot write the build scripts there (" + e.getMessage() + ")");
        }
        progress.accept("yosys: synthesizing " + top + " for " + bt.board().device().name());
        ProcessRunner.Result y = ProcessRunner.run(List.of(yosys.toString(), "-q", "-l", dir.resolve("yosys.log").toAbsolutePath().toString(),
                "-s", dir.resolve("synth.ys").toAbsolutePath().toString()), rtl, timeout, "yosys");
        if (y.timedOut()) throw new ToolError("yosys ran longer than " + timeout.toSeconds() + " s and was stopped");
        if (y.exitCode() != 0) throw new ToolError("yosys failed on the board design:\n" + y.tail(15));
        double target = bt.clock().reachedMHz();
        double ySeconds = y.wall().toMillis() / 1000.0;
        double pSeconds = 0;
        List<String> missed = new ArrayList<>();
        for (int seed = 1; ; seed++) {
            progress.accept(String.format(Locale.ROOT, "nextpnr-ice40: placing and routing for %s MHz%s", ClockPlan.fmt(target),
                    seed == 1 ? "" : " (seed " + seed + ")"));
            List<String> cmd = new ArrayList<>(List.of(nextpnr.toString()));
            cmd.addAll(List.of(nextpnrArgs.trim().split("\\s+")));
            cmd.addAll(List.of("--json", top + ".json", "--pcf", "board.pcf", "--asc", top + ".asc", "--freq", ClockPlan.fmt(target),
                    "--report", "timing.json", "--log", "nextpnr.log", "--seed", String.valueOf(seed), "-q"));
            ProcessRunner.Result p = ProcessRunner.run(cmd, dir, timeout, "nextpnr");
            if (p.timedOut()) throw new ToolError("nextpnr-ice40 ran longer than " + timeout.toSeconds() + " s and was stopped");
            pSeconds += p.wall().toMillis() / 1000.0;
            Path report = dir.resolve("timing.json");
            dev.bramble.synth.NextpnrReport timing = Files.exists(report) ? dev.bramble.synth.NextpnrReport.read(report) : null;
            // nextpnr's figure, or less where a path through an unregistered SB_MAC16 (which nextpnr
            // does not time: NextpnrReport) allows less
            Double fmax = timing == null ? null : timing.clockMHz();
            Map<String, int[]> used = timing == null ? new TreeMap<>() : timing.used();
            boolean met = p.exitCode() == 0 && fmax != null && timing.meets(target);
            // a placement's clock moves by several per cent with the seed: one that missed it (and
            // placed: a design that does not fit is not placed again) is tried with the next seed
            if (!met && fmax != null && seed < SEEDS) {
                missed.add(String.format(Locale.ROOT, "seed %d reached %.2f MHz", seed, fmax));
                continue;
            }
            String tried = missed.isEmpty() ? "" : " (" + String.join(", ", missed) + ")";
            if (p.exitCode() != 0) {
                String why = nextpnrFailure(p, fmax, target, bt.board().clockMHz(), bt.board().device().logic()) + tried;
                writeTiming(dir, top, target, fmax, used, why, seed);
                return new Result(null, report, target, fmax, used, why, ySeconds, pSeconds);
            }
            if (fmax != null && !timing.meets(target)) {
                // nextpnr met its own figure; the paths it cut at a multiplier do not meet the clock
                String why = String.format(Locale.ROOT, "the clock is not met: a path through a multiplier used without its registers"
                        + " (nextpnr-ice40 does not time those) allows %.2f MHz, the target is %s MHz; lower the target's clock (e.g. 'clock %s MHz')",
                        fmax, ClockPlan.fmt(target), ClockPlan.fmt(reachableBelow(fmax, bt.board().clockMHz()))) + tried;
                writeTiming(dir, top, target, fmax, used, why, seed);
                return new Result(null, report, target, fmax, used, why, ySeconds, pSeconds);
            }
            writeTiming(dir, top, target, fmax, used, null, seed);
            if (!missed.isEmpty()) progress.accept("nextpnr-ice40: met with seed " + seed + tried);
            progress.accept("icepack: writing " + top + ".bin");
            ProcessRunner.Result k = ProcessRunner.run(List.of(icepack.toString(), top + ".asc", top + ".bin"), dir, timeout, "icepack");
            if (!k.ok()) throw new ToolError("icepack failed:\n" + k.tail(10));
            return new Result(dir.resolve(top + ".bin"), dir.resolve("timing.txt"), target, fmax, used, null, ySeconds, pSeconds);
        }
    }

    /** nextpnr stops with an error when the clock is not met (no --timing-allow-fail) or the design does not fit. */
    private static String nextpnrFailure(ProcessRunner.Result p, Double fmax, double target, double oscillator, int cells) {
        if (fmax != null && fmax < target) {
            return String.format(Locale.ROOT, "the clock is not met: the routed design reaches %.2f MHz, the target is %s MHz;"
                    + " lower the target's clock (e.g. 'clock %s MHz', which the board can make) or use fewer lanes", fmax,
                    ClockPlan.fmt(target), ClockPlan.fmt(reachableBelow(fmax, oscillator)));
        }
        for (String line : (p.stderr() + "\n" + p.stdout()).split("\n")) {
            if (line.startsWith("ERROR:")) return "nextpnr-ice40: " + dev.bramble.synth.NextpnrReport.explain(line.substring(6).strip(), cells);
        }
        return "nextpnr-ice40 failed:\n" + p.tail(5);
    }

    /** The fastest clock at or below {@code fmax} that an iCE40 board makes: the PLL's from 16 MHz, else the oscillator divided. */
    static double reachableBelow(double fmax, double oscillator) {
        if (fmax >= 16) return Math.floor(fmax);
        return oscillator / Math.ceil(oscillator / fmax);
    }

    private static void writeTiming(Path dir, String top, double target, Double fmax, Map<String, int[]> used, String failure, int seed) throws UserError {
        StringBuilder s = new StringBuilder();
        s.append("design   ").append(top).append('\n');
        s.append("seed     ").append(seed).append(" (nextpnr-ice40 --seed)\n");
        s.append("target   ").append(ClockPlan.fmt(target)).append(" MHz\n");
        s.append("reached  ").append(fmax == null ? "-" : String.format(Locale.ROOT, "%.2f MHz", fmax)).append('\n');
        s.append("met      ").append(failure == null && fmax != null && fmax >= target ? "yes" : "no").append('\n');
        for (var e : used.entrySet()) {
            if (e.getValue()[0] > 0) s.append(String.format(Locale.ROOT, "%-16s %6d of %6d%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        if (failure != null) s.append("failure  ").append(failure).append('\n');
        try {
            Files.writeString(dir.resolve("timing.txt"), s.toString());
        } catch (IOException e) {
            throw new UserError(dir + ": cannot write timing.txt (" + e.getMessage() + ")");
        }
    }
}
