package dev.bramble.lang;

import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.FixedFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.BlockLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.SampleLayer;
import dev.bramble.lang.model.Storage;
import dev.bramble.lang.model.Target;
import dev.bramble.lang.model.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped examples check clean and resolve to the facts design.md states about them. */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    static Design example(String relative) throws IOException {
        Path file = EXAMPLES.resolve(relative);
        return Bramble.analyze(file.toString(), Files.readString(file));
    }

    @Test
    void microGptChecksCleanWithKarpathysTensorNamesAndShapes() throws IOException {
        Design design = example("microgpt/microgpt.bramble");
        assertEquals(List.of(), design.diagnostics());
        Model model = design.model().orElseThrow();
        Map<String, List<Integer>> shapes = new LinkedHashMap<>();
        for (Tensor t : model.tensors()) shapes.put(t.path(), t.shape());
        assertEquals(Map.of(
                "wte", List.of(27, 16), "wpe", List.of(16, 16),
                "layer0.attn_wq", List.of(16, 16), "layer0.attn_wk", List.of(16, 16),
                "layer0.attn_wv", List.of(16, 16), "layer0.attn_wo", List.of(16, 16),
                "layer0.mlp_fc1", List.of(64, 16), "layer0.mlp_fc2", List.of(16, 64),
                "lm_head", List.of(27, 16)), shapes);
        assertEquals(4192, model.parameterCount());
        assertEquals(27, model.vocabulary());
        assertEquals(16, model.context());
        assertEquals(26, model.tokens().bosId());
        assertEquals(new FixedFormat(4, 12), model.weightFormat());
        AttentionLayer attention = (AttentionLayer) model.flatLayers().stream()
                .filter(l -> l instanceof AttentionLayer).findFirst().orElseThrow();
        assertEquals(4, attention.heads());
        assertEquals(4, attention.headDim());
        SampleLayer sample = (SampleLayer) model.outputLayer().orElseThrow();
        assertEquals(0.5, sample.temperature());
        assertEquals(2, sample.seed());

        Target target = design.target(null).orElseThrow();
        assertEquals("5CSEMA5F31C6", target.device());
        assertEquals(56.25, target.clockMHz());
        assertEquals(16, target.lanes());
        assertEquals(Storage.BRAM, target.storage());
    }

    @Test
    void digitsChecksClean() throws IOException {
        Design design = example("digits/digits.bramble");
        assertEquals(List.of(), design.diagnostics());
        Model model = design.model().orElseThrow();
        assertEquals(64 * 32 + 32 * 10, model.parameterCount());
        assertEquals(new FixedFormat(1, 7), model.weightFormat());
        assertEquals(0, model.vocabulary());
        assertEquals(10, model.outputLayer().orElseThrow().inWidth());
    }

    @Test
    void repeatedBlocksExpandToNumberedPaths() {
        Design design = Bramble.analyze("t.bramble", """
                model deep {
                    n = 3
                    weights random seed 1
                    embedding wte [27, 8]
                    block layer[0..n] {
                        residual { rmsnorm linear fc [8 -> 8] }
                    }
                    linear lm_head [8 -> 27]
                    argmax
                }
                """);
        assertEquals(List.of(), design.diagnostics());
        List<String> blocks = design.model().orElseThrow().layers().stream()
                .filter(l -> l instanceof BlockLayer).map(Layer::path).toList();
        assertEquals(List.of("layer0", "layer1", "layer2", "layer3"), blocks);
        assertTrue(design.model().orElseThrow().tensors().stream().anyMatch(t -> t.path().equals("layer3.fc")));
    }

    @Test
    void deviceNamesKeepDashesAndDigits() {
        Design design = Bramble.analyze("t.bramble", """
                target a { device LFE5U-25F-6BG381C clock 1 GHz lanes 2 }
                target b { device "xc7a35tcsg324-1" clock 500 kHz lanes 1 storage lut budget 90 % }
                """);
        assertEquals("LFE5U-25F-6BG381C", design.target("a").orElseThrow().device());
        assertEquals(1000.0, design.target("a").orElseThrow().clockMHz());
        Target b = design.target("b").orElseThrow();
        assertEquals("xc7a35tcsg324-1", b.device());
        assertEquals(0.5, b.clockMHz());
        assertEquals(90, b.budgetPercent());
        assertEquals(Storage.LUT, b.storage());
    }
}
