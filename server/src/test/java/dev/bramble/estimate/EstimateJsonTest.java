package dev.bramble.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import dev.bramble.device.Device;
import dev.bramble.device.DeviceCatalog;
import dev.bramble.lang.model.Design;
import dev.bramble.plan.Multiplier;
import dev.bramble.project.DesignFiles;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bramble estimate --format json} is valid JSON on every catalogued part (issue #14: a part
 * without DSP blocks, iCE40HX8K, got {@code "dsp": Infinity}), and such a part's multipliers are
 * counted in logic: no DSP cells, the logic grown by them.
 */
class EstimateJsonTest {
    @TempDir
    Path dir;

    /** Norms, GELU, attention and a sampler: every multiplier the core has. */
    private static final String MODEL = """
            model every {
                vocab   = 7
                context = 4
                dim     = 8
                weights random seed 5
                tokens  "abcdef" bos
                numeric weights q2.6, activations q4.8
                embedding wte [vocab, dim]
                embedding wpe [context, dim] position
                layernorm
                block layer[0..0] {
                    residual {
                        layernorm
                        attention heads 2 {
                            linear attn_wq [dim -> dim]
                            linear attn_wk [dim -> dim]
                            linear attn_wv [dim -> dim]
                            linear attn_wo [dim -> dim]
                        }
                    }
                    residual {
                        rmsnorm
                        linear mlp_fc1 [dim -> 2 * dim] gelu
                        linear mlp_fc2 [2 * dim -> dim]
                    }
                }
                linear lm_head [dim -> vocab]
                sample temperature 0.8 seed 3
            }
            """;

    private Estimate estimate(String part) throws Exception {
        Path file = dir.resolve(part + ".bramble");
        Files.writeString(file, MODEL + "\ntarget t {\n    device  " + part + "\n    clock   20 MHz\n    lanes   2\n    storage bram\n}\n");
        Design design = DesignFiles.load(file);
        assertFalse(design.hasErrors(), design.diagnostics()::toString);
        var te = dev.bramble.project.DesignChecks.costs(design, () -> {}).estimates().get(0);
        if (!te.available()) throw new AssertionError(part + ": no estimate (" + te.why() + ")");
        return te.estimate();
    }

    /** Parses as Gson does with {@link Strictness#STRICT} (RFC 8259: no NaN, no Infinity, no bare words). */
    private static JsonObject strict(String json) throws IOException {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        return new Gson().getAdapter(JsonElement.class).read(reader).getAsJsonObject();
    }

    @Test
    void strictParsersReadTheJsonOfEveryPart() throws Exception {
        int parts = 0;
        for (Device d : DeviceCatalog.standard().devices()) {
            String json = EstimateJson.render(estimate(d.base()));
            JsonObject o;
            try {
                o = strict(json);
            } catch (IOException | RuntimeException e) {
                throw new AssertionError(d.name() + ": not valid JSON (" + e.getMessage() + ")\n" + json, e);
            }
            JsonObject percent = o.getAsJsonObject("percent");
            for (String k : new String[] {"bram", "dsp", "lut", "ff"}) {
                double p = percent.get(k).getAsDouble();
                assertTrue(Double.isFinite(p) && p >= 0, d.name() + " percent." + k + " = " + p);
            }
            assertEquals(d.name(), o.getAsJsonObject("device").get("name").getAsString());
            parts++;
        }
        assertEquals(DeviceCatalog.standard().devices().size(), parts);
        assertTrue(parts >= 9, "catalogue has " + parts + " parts");
    }

    @Test
    void aPartWithoutDspBuildsItsMultipliersInLogic() throws Exception {
        Device hx8k = DeviceCatalog.standard().find("ice40hx8k").orElseThrow();
        Device up5k = DeviceCatalog.standard().find("ice40up5k").orElseThrow();
        assertFalse(hx8k.hasDsp());
        assertTrue(up5k.hasDsp());
        Estimate soft = estimate("ice40hx8k");
        Estimate hard = estimate("ice40up5k");

        assertEquals(0, soft.dsp());
        assertEquals(Map.of(), soft.dspCells());
        assertEquals(0.0, soft.dspPercent());
        for (LayerEstimate l : soft.layers()) assertEquals(0, l.dsp(), l.name());
        assertTrue(hard.dsp() > 0, "the UP5K maps SB_MAC16: " + hard.dsp());

        // The same core on the same family: the HX8K's logic is the UP5K's less the glue between
        // DSP cells plus 2.75 bit-operations per partial-product bit of every multiplier, in the
        // family's LUT4 per bit-operation.
        long productBits = 0;
        for (Multiplier m : soft.plan().multipliers()) productBits += (long) m.count() * m.a() * m.b();
        int softLogic = LogicModel.softMultiplierLogic(soft.plan(), hx8k.family());
        assertEquals(Math.round(LogicModel.unitsPerBitOp(hx8k.family(), false) * LogicModel.SOFT_BIT_OPS_PER_PRODUCT_BIT * productBits), softLogic);
        assertTrue(softLogic > 1000, "soft multipliers " + softLogic);
        assertTrue(soft.lut() > hard.lut() && soft.lut() - softLogic <= hard.lut() && soft.lut() - softLogic > hard.lut() / 2,
                "HX8K " + soft.lut() + " LUT4, UP5K " + hard.lut() + ", soft multipliers " + softLogic);
        assertEquals(0, LogicModel.softMultiplierLogic(hard.plan(), up5k.family()));
        assertTrue(soft.notes().stream().anyMatch(n -> n.contains("no DSP blocks") && n.contains("built in logic")), soft.notes().toString());

        JsonObject o = strict(EstimateJson.render(soft));
        assertEquals(0, o.get("dsp").getAsInt());
        assertEquals(0.0, o.getAsJsonObject("percent").get("dsp").getAsDouble());
        assertEquals(soft.lut(), o.get("lut").getAsInt());
    }

    @Test
    void percentOfAResourceThePartLacksIsFinite() {
        assertEquals(0.0, Estimate.percent(0, 0));
        assertEquals(300.0, Estimate.percent(3, 0));
        assertEquals(50.0, Estimate.percent(4, 8));
    }
}
