package dev.bramble.synth;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

/** The one JSON shape of a synthesis report, shared by {@code bramble synth --format json} and the editor's command. */
public final class SynthesisJson {
    private SynthesisJson() {}

    public static JsonObject of(DesignSynthesis.Report r) {
        YosysSynthesis.Mapped m = r.mapped();
        JsonObject o = new JsonObject();
        o.addProperty("device", r.device().name());
        o.addProperty("family", m.family());
        o.addProperty("top", r.top());
        o.addProperty("bram", m.bram());
        if (r.hasLargeRam()) {
            o.addProperty("largeRam", r.largeRam());
            o.addProperty("estimatedLargeRam", r.estimatedLargeRam());
        }
        o.addProperty("dsp", m.dspCells());
        o.addProperty("logic", m.logic());
        o.addProperty("ff", m.ffs());
        o.addProperty("estimatedBram", r.estimatedBram());
        o.addProperty("estimatedDsp", r.estimatedDspCells());
        o.addProperty("estimatedLogic", r.estimate().lut());
        o.addProperty("estimatedLogicAsYosysMaps", r.estimatedLogicAsYosysMaps());   // with the soft multipliers Yosys alone builds (Gowin)
        o.addProperty("estimatedFf", r.estimate().ff());
        o.addProperty("yosysMapsBlockRam", r.device().family().yosysMapsBlockRam());
        o.addProperty("yosysMapsDsp", r.device().family().yosysMapsDsp());
        o.addProperty("yosysSeconds", m.seconds());
        o.add("cells", new Gson().toJsonTree(m.cells()));
        if (r.placed() != null) o.add("placeAndRoute", placeAndRoute(r.placed()));
        return o;
    }

    static JsonObject placeAndRoute(PlaceAndRoute.Result p) {
        JsonObject o = new JsonObject();
        o.addProperty("placed", p.placed());
        o.addProperty("maxClockMHz", p.maxClockMHz());          // nextpnr's: an upper bound when throughDspMHz is set
        o.addProperty("throughDspMHz", p.throughDspMHz());      // what the paths nextpnr cuts at a multiplier allow (NextpnrReport)
        o.addProperty("targetClockMHz", p.targetClockMHz());
        JsonObject used = new JsonObject();
        for (var e : p.used().entrySet()) {
            JsonObject u = new JsonObject();
            u.addProperty("used", e.getValue()[0]);
            u.addProperty("available", e.getValue()[1]);
            used.add(e.getKey(), u);
        }
        o.add("utilization", used);
        o.addProperty("failure", p.failure());
        o.addProperty("seconds", p.seconds());
        return o;
    }
}
