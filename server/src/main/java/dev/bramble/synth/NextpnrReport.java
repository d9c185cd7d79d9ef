package dev.bramble.synth;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.bramble.tools.ToolError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What nextpnr-ice40's {@code --report} JSON says of a routed design: the slowest clock's
 * maximum frequency, the utilization by bel type, and the paths it cuts at a DSP.
 *
 * <p>nextpnr-ice40 0.4 times every SB_MAC16 port as a register's (its {@code
 * getPortTimingClass}: TMG_REGISTER_INPUT / OUTPUT for ICESTORM_DSP whatever its {@code *_REG}
 * parameters), so a multiplier used without its registers — clocked by the constant net its
 * CLK is tied to — cuts every path through it: the path into it and the path out of it are
 * timed apart, each against a clock of its own, and the clock's figure leaves them out. The
 * longest path into such a DSP ({@link #dspInNs}) and out of one ({@link #dspOutNs}) are kept:
 * nextpnr's figure is then an upper bound, and {@link #throughDspMHz} what a path into the one
 * and out of the other would allow (the multiplier's own delay not counted: which pairs are
 * one DSP the report does not say).
 *
 * @param fmaxMHz   the lowest "achieved" over the design's clocks, or null
 * @param used      bel type → {used, available}
 * @param dspInNs   the longest path from a register into an unregistered DSP (0: none)
 * @param dspInHalfNs the longest from a falling-edge register into one (it has half a clock, 0: none)
 * @param dspOutNs  the longest path from an unregistered DSP to a register (0: none)
 */
public record NextpnrReport(Double fmaxMHz, Map<String, int[]> used, double dspInNs, double dspInHalfNs, double dspOutNs) {
    /** The name nextpnr-ice40's packer gives the constant net an unregistered SB_MAC16's CLK is tied to, as a clock. */
    static final String CONSTANT_CLOCK = "$PACKER_GND_NET";

    public static NextpnrReport read(Path json) throws ToolError {
        try {
            return parse(Files.readString(json));
        } catch (IOException | RuntimeException e) {
            throw new ToolError("cannot read nextpnr's report " + json + ": " + e.getMessage());
        }
    }

    static NextpnrReport parse(String text) {
        JsonObject r = JsonParser.parseString(text).getAsJsonObject();
        Double fmax = null;
        if (r.has("fmax")) {
            for (Map.Entry<String, JsonElement> clock : r.getAsJsonObject("fmax").entrySet()) {
                double achieved = clock.getValue().getAsJsonObject().get("achieved").getAsDouble();
                fmax = fmax == null ? achieved : Math.min(fmax, achieved);
            }
        }
        Map<String, int[]> used = new TreeMap<>();
        if (r.has("utilization")) {
            for (Map.Entry<String, JsonElement> bel : r.getAsJsonObject("utilization").entrySet()) {
                JsonObject u = bel.getValue().getAsJsonObject();
                used.put(bel.getKey(), new int[] {u.get("used").getAsInt(), u.get("available").getAsInt()});
            }
        }
        double in = 0, inHalf = 0, out = 0;
        if (r.has("critical_paths")) {
            for (JsonElement e : r.getAsJsonArray("critical_paths")) {
                JsonObject cp = e.getAsJsonObject();
                boolean fromDsp = cp.get("from").getAsString().contains(CONSTANT_CLOCK);
                boolean toDsp = cp.get("to").getAsString().contains(CONSTANT_CLOCK);
                if (fromDsp == toDsp) continue;   // a clock's own paths (or DSP to DSP, inside the scalar unit)
                double delay = 0;
                for (JsonElement step : cp.getAsJsonArray("path")) delay += step.getAsJsonObject().get("delay").getAsDouble();
                if (toDsp && cp.get("from").getAsString().startsWith("negedge")) inHalf = Math.max(inHalf, delay);
                else if (toDsp) in = Math.max(in, delay);
                else out = Math.max(out, delay);
            }
        }
        return new NextpnrReport(fmax, used, in, inHalf, out);
    }

    private static final java.util.regex.Pattern NO_ROOM = java.util.regex.Pattern.compile("Failed to expand region .* of (\\d+) ICESTORM_LCs");

    /**
     * nextpnr's error line in words a user can act on: "Failed to expand region (0, 0) |_> (25,
     * 31) of 6002 ICESTORM_LCs" means the design needs 6,002 logic cells; other lines pass as
     * they are (the caller names nextpnr).
     */
    public static String explain(String error, int partCells) {
        java.util.regex.Matcher m = NO_ROOM.matcher(error);
        if (!m.find()) return error;
        return String.format(java.util.Locale.ROOT, "the design does not fit: it needs %,d logic cells (LUT, flip-flop and carry packed"
                + " together) and the part has %,d; use fewer lanes or a larger part (nextpnr-ice40: %s)", Integer.parseInt(m.group(1)), partCells, error);
    }

    /** Paths were cut at unregistered DSPs on both sides. */
    public boolean cutsAtDsp() {
        return (dspInNs > 0 || dspInHalfNs > 0) && dspOutNs > 0;
    }

    /**
     * The clock a path into the slowest-fed unregistered DSP and out of the slowest-read one
     * would allow (from a falling edge: in half a clock); null if none is cut.
     */
    public Double throughDspMHz() {
        return cutsAtDsp() ? 1000.0 / Math.max(dspInNs + dspOutNs, 2 * (dspInHalfNs + dspOutNs)) : null;
    }

    /** The clock held against a target: nextpnr's figure, or less where a path through a cut DSP allows less. */
    public Double clockMHz() {
        return lower(fmaxMHz, throughDspMHz());
    }

    /** The lower of nextpnr's figure and the cut paths' (either may be absent). */
    static Double lower(Double fmaxMHz, Double throughDspMHz) {
        if (fmaxMHz == null || throughDspMHz == null) return fmaxMHz;
        return Math.min(fmaxMHz, throughDspMHz);
    }

    /** nextpnr's figure meets {@code targetMHz}, and so does a path through the cut DSPs. */
    public boolean meets(double targetMHz) {
        return fmaxMHz != null && fmaxMHz >= targetMHz && (!cutsAtDsp() || throughDspMHz() >= targetMHz);
    }
}
