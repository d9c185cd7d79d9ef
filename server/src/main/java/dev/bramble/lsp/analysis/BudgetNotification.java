package dev.bramble.lsp.analysis;

import dev.bramble.project.TargetEstimate;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.bramble.estimate.Estimate;

/**
 * The {@code bramble/budget} notification's body: the current target's totals, for a status
 * bar. Sent after every publication of diagnostics, with the same version; {@code available}
 * is false (and {@code why} says why) when there is no estimate; {@code overBudget} is true
 * when block RAM, DSP or logic is above the target's {@code budget} percentage.
 */
public final class BudgetNotification {
    private BudgetNotification() {}

    public static JsonObject of(DocumentAnalysis analysis) {
        JsonObject o = new JsonObject();
        o.addProperty("uri", analysis.uri());
        o.addProperty("version", analysis.version());
        TargetEstimate t = analysis.currentTarget().orElse(null);
        if (t == null) {
            o.addProperty("available", false);
            o.addProperty("why", "the file has no target");
            return o;
        }
        o.addProperty("target", t.target().name());
        o.addProperty("device", t.target().device());
        o.addProperty("available", t.available());
        if (!t.available()) {
            o.addProperty("why", t.why());
            return o;
        }
        Estimate e = t.estimate();
        JsonArray items = new JsonArray();
        items.add(item(e.device().family().blockRam().name(), e.bram(), e.device().bram(), e.bramPercent()));
        items.add(item("DSP", e.dsp(), e.device().dsp(), e.dspPercent()));
        items.add(item(e.device().family().logicUnit(), e.lut(), e.device().logic(), e.lutPercent()));
        items.add(item("FF", e.ff(), e.device().ffs(), e.ffPercent()));
        // the part's large RAM (UP5K SPRAM), where the plan puts memories there: last, so a client
        // that takes the first RAM-like item for block RAM still does
        int large = e.plan().largeRamUnits();
        if (large > 0) items.add(item(e.device().largeRam().name(), large, e.device().largeRam().count(), 100.0 * large / e.device().largeRam().count()));
        o.add("items", items);
        int budget = t.target().budgetPercent() > 0 ? t.target().budgetPercent() : 80;
        o.addProperty("budgetPercent", budget);
        // Over the target's budget on block RAM, DSP or logic (flip-flops are a rough model: not counted).
        o.addProperty("overBudget", e.bramPercent() > budget || e.dspPercent() > budget || e.lutPercent() > budget);
        o.addProperty("cyclesPerToken", e.cyclesPerToken());
        o.addProperty("tokensPerSecond", e.tokensPerSecond());
        o.addProperty("parameters", e.params());
        return o;
    }

    private static JsonObject item(String resource, long used, long available, double percent) {
        JsonObject o = new JsonObject();
        o.addProperty("resource", resource);
        o.addProperty("used", used);
        o.addProperty("available", available);
        o.addProperty("percent", Math.round(percent * 10) / 10.0);
        return o;
    }
}
