package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.bramble.plan.Multiplier;
import dev.bramble.plan.MultiplierInventory;
import dev.bramble.tools.ProcessRunner;
import dev.bramble.tools.Tool;
import dev.bramble.tools.ToolLocator;
import dev.bramble.weights.ModelWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plan's multiplier list is exactly what the emitted core instantiates: Yosys elaborates the
 * design (no synthesis, a few seconds) and the fx_mul instances, by width and signedness, and the
 * MAC lanes' products are counted against {@link MultiplierInventory}. Whether each of those maps
 * to the DSP cells the estimator says is the job of the Yosys mapping tests and
 * WholeDesignSynthesisTest.
 */
class MultiplierInventoryTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, {1} lanes")
    @CsvSource({"examples/microgpt/microgpt.bramble, 16", "examples/microgpt/microgpt.bramble, 1", "examples/digits/digits.bramble, 4",
                "server/src/test/resources/rtl/kitchen.bramble, 4", "server/src/test/resources/rtl/kitchen.bramble, 3",
                "server/src/test/resources/rtl/imported.bramble, 4"})
    void emittedMultipliersAreThePlans(String file, int lanes) throws Exception {
        RepoDesign design = RepoDesign.withLanes(file, lanes, dir);
        var target = design.target();
        ModelWeights weights = design.weights();
        Emitter.Emitted e = Emitter.emit(weights, target, dir.resolve("out"));

        Map<String, Integer> planned = new TreeMap<>();
        int laneCount = 0;
        for (Multiplier m : PlanSource.plan(weights.model(), target).multipliers()) {
            if (m.unit().equals(MultiplierInventory.LANE)) laneCount += m.count();
            else planned.merge(key(m.a(), m.b(), m.signed()), m.count(), Integer::sum);
        }

        StringBuilder script = new StringBuilder();
        for (Path s : e.sourcePaths()) {
            if (!s.getFileName().toString().equals(e.testbench() + ".v")) script.append("read_verilog -sv ").append(s).append('\n');
        }
        // Flattening keeps fx_mul (keep_hierarchy); what remains as $mul is the MAC lanes' products.
        script.append("hierarchy -top ").append(e.top()).append("\nproc\nflatten\nopt_expr\n")
                .append("tee -q -o stat.json stat -json\ndelete ").append(e.top()).append("\nwrite_json modules.json\n");
        Files.writeString(e.dir().resolve("inventory.ys"), script.toString());
        Path yosys = ToolLocator.system().require(Tool.YOSYS);
        ProcessRunner.Result r = ProcessRunner.run(List.of(yosys.toString(), "-q", "-s", "inventory.ys"), e.dir(), Duration.ofMinutes(5), "yosys");
        assertTrue(r.ok(), "yosys failed: " + r.tail(20));

        JsonObject modules = JsonParser.parseString(Files.readString(e.dir().resolve("modules.json"))).getAsJsonObject().getAsJsonObject("modules");
        JsonObject cells = JsonParser.parseString(Files.readString(e.dir().resolve("stat.json"))).getAsJsonObject()
                .getAsJsonObject("modules").getAsJsonObject("\\" + e.top()).getAsJsonObject("num_cells_by_type");
        Map<String, Integer> built = new TreeMap<>();
        for (Map.Entry<String, JsonElement> c : cells.entrySet()) {
            JsonObject mod = modules.has(c.getKey()) ? modules.getAsJsonObject(c.getKey()) : null;
            if (mod == null || !mod.has("parameter_default_values")) continue;
            JsonObject p = mod.getAsJsonObject("parameter_default_values");
            if (!p.has("AW") || !p.has("BW") || !p.has("SIGNED")) continue;
            built.merge(key(bin(p, "AW"), bin(p, "BW"), bin(p, "SIGNED") != 0), c.getValue().getAsInt(), Integer::sum);
        }
        assertEquals(planned, built, "fx_mul instances (AWxBW signed?) against the plan's multipliers");
        assertEquals(laneCount, cells.has("$mul") ? cells.get("$mul").getAsInt() : 0,
                "products outside fx_mul must be exactly the MAC lanes' (any other would be a DSP the plan does not list)");
    }

    private static String key(int a, int b, boolean signed) {
        return a + "x" + b + (signed ? " signed" : " unsigned");
    }

    private static int bin(JsonObject p, String name) {
        return Integer.parseInt(p.get(name).getAsString(), 2);
    }
}
