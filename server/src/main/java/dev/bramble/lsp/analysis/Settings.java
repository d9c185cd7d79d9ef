package dev.bramble.lsp.analysis;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the user can configure, from {@code initializationOptions} or the {@code bramble} section
 * of {@code workspace/configuration}. Both carry the same JSON shape:
 * <pre>{ "simulator": "icarus", "toolPaths": {"iverilog": "/usr/bin/iverilog"},
 *   "debounceMillis": 20, "defaultTarget": "de1soc" }</pre>
 * Unknown keys are ignored and wrong types fall back to the default, so a typo in an editor's
 * settings never takes the server down.
 */
public record Settings(String simulator, Map<String, String> toolPaths, int debounceMillis, String defaultTarget) {
    /** Long enough to coalesce a burst of keystrokes, short enough to feel live (analysis itself takes a few ms). */
    public static final int DEFAULT_DEBOUNCE_MILLIS = 20;

    public static final Settings DEFAULT = new Settings("icarus", Map.of(), DEFAULT_DEBOUNCE_MILLIS, null);

    public Settings {
        toolPaths = Map.copyOf(toolPaths);
    }

    /** These settings with every field that {@code json} sets replaced; {@code json} may be null or not an object. */
    public Settings merge(JsonElement json) {
        if (json == null || !json.isJsonObject()) return this;
        JsonObject o = json.getAsJsonObject();
        if (o.has("bramble") && o.get("bramble").isJsonObject()) o = o.getAsJsonObject("bramble");
        String sim = string(o, "simulator", simulator);
        if ("iverilog".equals(sim)) sim = "icarus"; // the command line's old name for it
        if (!"icarus".equals(sim) && !"verilator".equals(sim)) sim = simulator;
        Map<String, String> paths = new LinkedHashMap<>(toolPaths);
        if (o.has("toolPaths") && o.get("toolPaths").isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("toolPaths").entrySet()) {
                if (e.getValue().isJsonPrimitive() && !e.getValue().getAsString().isBlank()) {
                    paths.put(e.getKey(), e.getValue().getAsString());
                }
            }
        }
        int debounce = debounceMillis;
        if (o.has("debounceMillis") && o.get("debounceMillis").isJsonPrimitive()
                && o.get("debounceMillis").getAsJsonPrimitive().isNumber()) {
            debounce = Math.max(0, Math.min(5_000, o.get("debounceMillis").getAsInt()));
        }
        String target = string(o, "defaultTarget", defaultTarget);
        if (target != null && target.isBlank()) target = null;
        return new Settings(sim, paths, debounce, target);
    }

    private static String string(JsonObject o, String key, String fallback) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) return fallback;
        return e.isJsonPrimitive() ? e.getAsString() : fallback;
    }
}
