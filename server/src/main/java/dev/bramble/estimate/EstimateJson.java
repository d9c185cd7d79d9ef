package dev.bramble.estimate;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.bramble.device.Device;

/**
 * The machine-readable estimate ({@code bramble estimate --format json}, and what the editor
 * shows). Field names are a contract: params, weightBits, bram, dsp, lut, ff, cyclesPerToken,
 * tokensPerSecond, device {name, bram, dsp, lut}, layers [{name, params, bram, dsp, cycles}].
 */
public final class EstimateJson {
    private EstimateJson() {}

    public static JsonObject toJson(Estimate e) {
        Device d = e.device();
        JsonObject o = new JsonObject();
        o.addProperty("model", e.plan().model().name());
        o.addProperty("target", e.plan().target().name());
        o.addProperty("lanes", e.plan().lanes());
        number(o, "clockMHz", e.plan().target().clockMHz());
        o.addProperty("params", e.params());
        o.addProperty("weightBits", e.weightBits());
        o.addProperty("romBits", e.romBits());
        o.addProperty("bram", e.bram());
        o.addProperty("bramUnit", d.family().blockRam().name());
        o.addProperty("romBram", e.romBram());
        o.addProperty("kvBram", e.kvBram());
        o.addProperty("smallMemoryBram", e.smallMemoryBram());
        if (d.largeRam() != null && d.largeRam().usable()) {
            o.addProperty("largeRam", e.plan().largeRamUnits());   // units of the part's large RAM (SPRAM) the plan takes
            o.addProperty("largeRamUnit", d.largeRam().name());
        }
        o.addProperty("dsp", e.dsp());
        JsonObject cells = new JsonObject();
        e.dspCells().forEach(cells::addProperty);
        o.add("dspCells", cells);
        o.addProperty("lut", e.lut());
        o.addProperty("ff", e.ff());
        number(o, "cyclesPerToken", e.cyclesPerToken());
        JsonArray perPosition = new JsonArray();
        for (long c : e.cyclesPerPosition()) perPosition.add(c);
        o.add("cyclesPerPosition", perPosition);
        // Listed up to Estimator.LISTED_POSITIONS; past that the line goes on with the same growth.
        if (e.cyclesPerPosition().length < e.plan().schedule().context()) {
            o.addProperty("cyclesPerPositionListed", e.cyclesPerPosition().length);
            o.addProperty("cyclesGrowthPerPosition", e.plan().schedule().perPositionCycles());
        }
        number(o, "tokensPerSecond", e.tokensPerSecond());
        JsonObject dev = new JsonObject();
        dev.addProperty("name", d.name());
        dev.addProperty("family", d.family().id());
        dev.addProperty("bram", d.bram());
        dev.addProperty("dsp", d.dsp());
        dev.addProperty("lut", d.logic());
        dev.addProperty("ff", d.ffs());
        dev.addProperty("logicUnit", d.family().logicUnit());
        o.add("device", dev);
        JsonObject percent = new JsonObject();
        number(percent, "bram", e.bramPercent());
        number(percent, "dsp", e.dspPercent());
        number(percent, "lut", e.lutPercent());
        number(percent, "ff", e.ffPercent());
        o.add("percent", percent);
        o.add("layers", layers(e));
        JsonArray notes = new JsonArray();
        e.notes().forEach(notes::add);
        o.add("notes", notes);
        return o;
    }

    /**
     * A double as JSON allows it: Gson writes NaN and Infinity as bare words that no strict parser
     * accepts, so a non-finite value (which the estimator does not produce) becomes null.
     */
    private static void number(JsonObject o, String name, double value) {
        if (Double.isFinite(value)) o.addProperty(name, value);
        else o.add(name, com.google.gson.JsonNull.INSTANCE);
    }

    public static String render(Estimate e) {
        return new GsonBuilder().setPrettyPrinting().create().toJson(toJson(e));
    }

    /**
     * The per-layer rows, one shape for {@code bramble estimate --format json} and the editor's
     * estimate command: {@code layer} (the layer's path, or a norm's scope + kind + "#i"),
     * {@code kind}, {@code params}, {@code weightBits}, {@code roms}, {@code bram}, {@code dsp},
     * {@code cycles} (average over the context).
     */
    public static JsonArray layers(Estimate e) {
        JsonArray layers = new JsonArray();
        for (LayerEstimate l : e.layers()) {
            JsonObject r = new JsonObject();
            r.addProperty("layer", l.name());
            r.addProperty("kind", l.kind());
            r.addProperty("params", l.params());
            r.addProperty("weightBits", l.weightBits());
            r.addProperty("roms", l.roms());
            r.addProperty("bram", l.bram());
            r.addProperty("dsp", l.dsp());
            number(r, "cycles", l.cycles());
            layers.add(r);
        }
        return layers;
    }
}
