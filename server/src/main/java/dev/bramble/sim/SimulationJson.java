package dev.bramble.sim;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/** A simulation's result as JSON: one shape for {@code bramble sim --format json} and the editor's Simulate command. */
public final class SimulationJson {
    private SimulationJson() {}

    public static JsonObject of(DesignSimulation.Result r) {
        JsonObject o = new JsonObject();
        o.addProperty("bitExact", r.bitExact());
        o.addProperty("steps", r.steps());
        o.addProperty("logitsCompared", r.logitsCompared());
        o.addProperty("cyclesPerTokenMeasured", r.cyclesPerTokenMeasured());
        o.addProperty("cyclesPerTokenPredicted", r.cyclesPerTokenPredicted());
        o.addProperty("cyclesMatch", r.cyclesMatch());
        JsonArray samples = new JsonArray();
        r.samples().forEach(samples::add);
        o.add("samples", samples);
        o.addProperty("simulator", r.simulator());
        o.addProperty("lanes", r.lanes());
        o.addProperty("wallSeconds", r.wallSeconds());
        o.addProperty("buildSeconds", r.buildSeconds());
        o.addProperty("simulatedCycles", r.simulatedCycles());
        if (r.firstMismatch() == null) {
            o.add("firstMismatch", JsonNull.INSTANCE);
        } else {
            JsonObject m = new JsonObject();
            m.addProperty("sample", r.firstMismatch().sample());
            m.addProperty("position", r.firstMismatch().position());
            m.addProperty("logitIndex", r.firstMismatch().logitIndex());
            m.addProperty("rtlValue", r.firstMismatch().rtlValue());
            m.addProperty("referenceValue", r.firstMismatch().referenceValue());
            o.add("firstMismatch", m);
        }
        if (r.firstCycleMismatch() != null) o.addProperty("firstCycleMismatch", r.firstCycleMismatch());
        return o;
    }
}
