package dev.bramble.lang;

import dev.bramble.lang.model.Activation;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.BlockLayer;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.FixedFormat;
import dev.bramble.lang.model.Features;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.NormLayer;
import dev.bramble.lang.model.ResidualLayer;
import dev.bramble.lang.model.Tensor;
import dev.bramble.lang.model.WeightsSource;
import dev.bramble.lang.source.Codes;
import dev.bramble.lang.source.Diagnostic;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.bramble.lang.DiagnosticAssert.analyze;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue #16's language: bias, learned norm gain/bias, tied heads, per-layer formats, gelu erf, keys and from. */
class TrainedModelSyntaxTest {
    static final String GPT = """
            model gpt {
                vocab = 65
                context = 32
                dim = 32
                weights "model.safetensors" keys nanogpt
                numeric weights q2.14, activations q6.10
                embedding wte [vocab, dim]
                embedding wpe [context, dim] position weights q1.15
                block h[0..1] {
                    residual {
                        layernorm ln_1 gain bias
                        attention heads 4 {
                            linear attn_q [dim -> dim] bias
                            linear attn_k [dim -> dim] bias
                            linear attn_v [dim -> dim] bias from "x.c_attn" part 2 of 3 transposed
                            linear attn_proj [dim -> dim] bias weights q1.15
                        }
                    }
                    residual {
                        rmsnorm ln_2 gain
                        linear mlp_fc [dim -> 4 * dim] gelu erf bias
                        linear mlp_proj [4 * dim -> dim] bias
                    }
                }
                layernorm ln_f gain bias
                linear lm_head [dim -> vocab] tied wte
                argmax
            }
            """;

    static Model model(String text) {
        Design d = analyze(text);
        List<Diagnostic> errors = d.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertTrue(errors.isEmpty(), errors.toString());
        return d.model().orElseThrow();
    }

    @Test
    void aNanoGptShapedModelResolvesWithItsTensors() {
        Model m = model(GPT);
        assertEquals("nanogpt", ((WeightsSource.File) m.weights()).keys());
        BlockLayer h0 = (BlockLayer) m.layers().get(2);
        ResidualLayer attn = (ResidualLayer) h0.children().get(0);
        NormLayer ln1 = (NormLayer) attn.children().get(0);
        assertEquals("h0.ln_1", ln1.path());
        assertEquals(List.of(32), ln1.gain().shape());
        assertEquals("h0.ln_1.gain", ln1.gain().path());
        assertEquals(Tensor.Role.GAIN, ln1.gain().role());
        assertEquals("h0.ln_1.bias", ln1.bias().path());
        AttentionLayer a = (AttentionLayer) attn.children().get(1);
        assertEquals(new Tensor.Source("x.c_attn", 2, 3, true), a.value().tensor().source());
        assertEquals(new Tensor.Source("x.c_attn", 2, 3, true), a.value().bias().source());
        assertEquals(new FixedFormat(1, 15), a.output().tensor().format());
        assertEquals(new FixedFormat(1, 15), a.output().bias().format(), "a bias shares its layer's format");
        ResidualLayer mlp = (ResidualLayer) h0.children().get(1);
        assertNull(((NormLayer) mlp.children().get(0)).bias());
        LinearLayer fc = (LinearLayer) mlp.children().get(1);
        assertEquals(Activation.GELU_ERF, fc.activation());
        assertEquals(List.of(128), fc.bias().shape());
        LinearLayer head = (LinearLayer) m.layers().get(5);
        assertTrue(head.tied());
        assertSame(((dev.bramble.lang.model.EmbeddingLayer) m.layers().get(0)).tensor(), head.tensor());
        assertTrue(head.tensors().isEmpty(), "a tied head owns no tensor");
        // wte 65·32 + wpe 32·32 + per block (2·32 + 4·(32·32+32) + 32 + 4·32·32 + 128 + 32·128 + 32) + ln_f 64
        long block = 64 + 4 * (1024 + 32) + 32 + 4096 + 128 + 4096 + 32;
        assertEquals(65 * 32 + 32 * 32 + 2 * block + 64, m.parameterCount());
        List<Features.Use> uses = Features.beyondMicrogpt(m);
        assertTrue(uses.stream().anyMatch(u -> u.feature().equals("'tied wte'") && u.line() == 26), uses.toString());
        assertTrue(uses.stream().anyMatch(u -> u.feature().equals("'gelu erf'") && u.line() == 21), uses.toString());
    }

    @Test
    void plainGeluIsStillTheTanhForm() {
        String text = GPT.replace("gelu erf bias", "gelu bias");
        LinearLayer fc = (LinearLayer) ((ResidualLayer) ((BlockLayer) model(text).layers().get(2)).children().get(1)).children().get(1);
        assertEquals(Activation.GELU, fc.activation());
        assertEquals(Activation.GELU, ((LinearLayer) ((ResidualLayer) ((BlockLayer) model(GPT.replace("gelu erf", "gelu tanh"))
                .layers().get(2)).children().get(1)).children().get(1)).activation());
    }

    private static void expectError(String text, String code, String fragment, int line) {
        Design d = analyze(text);
        assertTrue(d.diagnostics().stream().anyMatch(x -> x.code().equals(code) && x.message().contains(fragment)
                        && x.range().start().line() == line - 1),
                "expected " + code + " '" + fragment + "' on line " + line + ", got " + d.diagnostics());
    }

    @Test
    void optionsALayerDoesNotTakeAreErrorsOnItsLine() {
        expectError(GPT.replace("linear mlp_proj [4 * dim -> dim] bias", "linear mlp_proj [4 * dim -> dim] gain"),
                Codes.LAYER_OPTION, "linear mlp_proj does not take 'gain'", 22);
        expectError(GPT.replace("rmsnorm ln_2 gain", "rmsnorm ln_2 gain bias"), Codes.LAYER_OPTION, "does not take 'bias'", 20);
        expectError(GPT.replace("layernorm ln_f gain bias", "layernorm gain"), Codes.LAYER_OPTION, "needs a name", 25);
        expectError(GPT.replace("embedding wte [vocab, dim]", "embedding wte [vocab, dim] bias"), Codes.LAYER_OPTION,
                "embedding wte does not take 'bias'", 7);
        expectError(GPT.replace("linear mlp_proj [4 * dim -> dim] bias", "linear mlp_proj [4 * dim -> dim] bias bias"),
                Codes.LAYER_OPTION, "'bias' is given twice", 22);
        expectError(GPT.replace("layernorm ln_f gain bias", "layernorm ln_f weights q2.14"), Codes.LAYER_OPTION, "has no tensors", 25);
    }

    @Test
    void tiedNeedsAnEarlierTokenEmbeddingOfTheRightShape() {
        expectError(GPT.replace("tied wte", "tied wtx"), Codes.TIED, "no token embedding of that name", 26);
        expectError(GPT.replace("tied wte", "tied wpe"), Codes.TIED, "no token embedding", 26);
        String narrow = GPT.replace("linear lm_head [dim -> vocab] tied wte", "linear shrink [dim -> 16]\n    linear lm_head [16 -> vocab] tied wte");
        expectError(narrow, Codes.TIED, "needs a [65, 16] table, but embedding wte is [65, 32]", 27);
    }

    @Test
    void keysAndPartsAreChecked() {
        expectError(GPT.replace("keys nanogpt", "keys gpt-neo"), Codes.KEYS, "unknown key layout 'gpt-neo'", 5);
        expectError(GPT.replace("part 2 of 3", "part 3 of 3"), Codes.KEYS, "out of range", 15);
        Model hf = model(GPT.replace("keys nanogpt", "keys hf-gpt2"));
        assertEquals("hf-gpt2", ((WeightsSource.File) hf.weights()).keys());
    }

    /** For every width and part count: the declared tensors of a sliced linear keep the linear's shape, and part stays in range. */
    @Property(tries = 60)
    void fromPartsAreAcceptedExactlyInRange(@ForAll @IntRange(min = 0, max = 6) int part, @ForAll @IntRange(min = 1, max = 6) int parts,
                                            @ForAll @IntRange(min = 1, max = 64) int width) {
        String text = "model m {\n weights \"w.npz\"\n input x [" + width + "]\n linear a [" + width + " -> " + width + "] bias from \"k\" part "
                + part + " of " + parts + "\n argmax\n}\n";
        Design d = analyze(text);
        boolean error = d.diagnostics().stream().anyMatch(x -> x.code().equals(Codes.KEYS));
        assertEquals(part >= parts, error, d.diagnostics().toString());
        if (!error) {
            LinearLayer a = (LinearLayer) d.model().orElseThrow().layers().get(1);
            assertEquals(List.of(width, width), a.tensor().shape());
            assertEquals(List.of(width), a.bias().shape());
            assertEquals(new Tensor.Source("k", part, parts, false), a.bias().source());
        }
    }

    @Test
    void theMicrogptFamilyUsesNoNewFeature() {
        Model m = model("""
                model m {
                    weights random seed 1
                    tokens "ab" bos
                    embedding wte [3, 8]
                    rmsnorm
                    linear fc [8 -> 8] relu
                    linear head [8 -> 3]
                    argmax
                }
                """);
        assertTrue(Features.beyondMicrogpt(m).isEmpty());
        assertFalse(((LinearLayer) m.layers().get(2)).hasBias());
        assertNotNull(((LinearLayer) m.layers().get(2)).tensor());
    }
}
