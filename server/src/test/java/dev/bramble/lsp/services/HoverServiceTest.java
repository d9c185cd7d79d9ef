package dev.bramble.lsp.services;

import static dev.bramble.lsp.LspAssert.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.lsp4j.Hover;
import org.junit.jupiter.api.Test;

class HoverServiceTest {
    private final HoverService service = new HoverService();

    private Hover hover(String textWithBar) {
        Cursor c = cursor(textWithBar);
        return service.hover(c.analysis(), c.position(), NEVER);
    }

    private String text(String textWithBar) {
        Hover h = hover(textWithBar);
        return h == null ? null : h.getContents().getRight().getValue();
    }

    @Test
    void constantDefinitionShowsValue() {
        assertEquals("```bramble\ndim = 16\n```\nconstant of model `microgpt`, used 15 times", text(microgptWithCursorBefore("dim     = 16")));
    }

    @Test
    void constantUseShowsValueAndHighlightsTheUse() {
        Hover h = hover(example("microgpt").replace("[vocab, dim]", "[vocab, d|im]"));
        assertTrue(h.getContents().getRight().getValue().startsWith("```bramble\ndim = 16\n```"));
        assertEquals("r(10, 26, 10, 29)", show(h.getRange()));
    }

    @Test
    void linearLayerShowsTensorParametersAndBits() {
        assertEquals("""
                **linear** `layer0.mlp_fc1` · width 16 → 64

                | tensor | shape | parameters |
                |---|---|---:|
                | `layer0.mlp_fc1` | [64, 16] | 1,024 |

                1,024 parameters × 16 bits (q4.12) = 16,384 bits

                **on `de1soc`** (5CSEMA5, 16 lanes): 0 M10K · 0 DSP · 66 cycles per token
                - ROM `layer0.mlp_fc1`: 64 words × 16 bits in each of 16 lane banks (addresses 107–170, block RAM)""",
                text(microgptWithCursorBefore("mlp_fc1 [")));
    }

    @Test
    void blockSumsItsChildren() {
        assertTrue(text(microgptWithCursorBefore("layer0 {")).contains("\n3,072 parameters × 16 bits (q4.12) = 49,152 bits\n"));
    }

    @Test
    void anonymousLayerHighlightsItsKeyword() {
        assertEquals("r(17, 12, 17, 21)", show(hover(microgptWithCursorBefore("attention heads")).getRange()));
    }

    @Test
    void whitespaceHasNoHover() {
        assertNull(hover("model m {\n|\n}"));
    }

    @Test
    void aLinearWithBiasOwnFormatAndSourceSaysSo() {
        String text = text("model m {\n    weights \"m.npz\"\n    input x [4]\n    linear f|c [4 -> 2] bias weights q2.14 from \"h.0.c_fc\" transposed\n    argmax\n}\n");
        assertTrue(text.contains("| `fc.bias` | [2] | 2 |"), text);
        assertTrue(text.contains("10 parameters in their layers' own formats = 160 bits"), text);
        assertTrue(text.contains("`fc` in q2.14 from \"h.0.c_fc\" transposed"), text);
    }

    @Test
    void aTiedHeadNamesItsTable() {
        String text = text("model m {\n    weights random seed 1\n    tokens \"ab\"\n    embedding wte [2, 4]\n    linear he|ad [4 -> 2] tied wte\n    argmax\n}\n");
        assertTrue(text.contains("uses `wte`'s table (tied): no matrix of its own"), text);
    }
}
