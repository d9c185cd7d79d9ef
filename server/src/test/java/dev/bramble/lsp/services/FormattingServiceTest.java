package dev.bramble.lsp.services;

import static dev.bramble.lsp.LspAssert.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

class FormattingServiceTest {

    private static String format(String text) {
        List<TextEdit> edits = new FormattingService().format(analyze(text), NEVER);
        return edits.isEmpty() ? text : edits.get(0).getNewText();
    }

    @Test
    void messyInputBecomesCanonical() {
        assertEquals("""
                // a comment
                model m {
                    n     = 4
                    width = 2*3

                    input   x [n] q1.7
                    weights random seed 1  // why
                    block b[0..1] {
                        linear fc [n -> n] relu
                    }
                    linear out [n -> 3]
                    argmax
                }

                target t {
                    device  LFE5U-25F-6BG381C  // ECP5
                    clock   -5 MHz
                    budget  70%
                    storage bram
                }
                """.replace("2*3", "2 * 3"), format("""
                // a comment
                model m { n=4
                  width   =   2*3


                input x[ n ]q1.7
                weights random seed 1 // why
                    block b [ 0 .. 1 ] { linear fc [n->n] relu }
                linear out [n -> 3] argmax }
                target t {
                device LFE5U-25F-6BG381C   // ECP5
                clock -5 MHz
                  budget 70 %
                storage bram}"""));
    }

    @Test
    void formattingIsIdempotent() {
        for (String example : List.of(example("microgpt"), example("digits"), "model m { n = 1 }\n// end\n")) {
            String once = format(example);
            assertEquals(once, format(once));
        }
    }

    @Test
    void examplesKeepTheirStructure() {
        String formatted = format(example("microgpt"));
        assertEquals(example("microgpt").lines().count(), formatted.lines().count());
        assertTrue(formatted.contains("\n    vocab   = 27\n    context = 16\n    dim     = 16\n"), formatted);
        assertTrue(formatted.contains("\n    device  5CSEMA5F31C6  // DE1-SoC: Cyclone V SE\n"), formatted);
        assertTrue(analyze(formatted).design().diagnostics().isEmpty());
    }

    @Test
    void syntaxErrorsAreLeftAlone() {
        assertEquals(List.of(), new FormattingService().format(analyze("model m {  n = \n}"), NEVER));
    }

    @Test
    void canonicalTextGivesNoEdits() {
        String canonical = format(example("digits"));
        assertEquals(List.of(), new FormattingService().format(analyze(canonical), NEVER));
    }

    /** Issue #16's options keep their words and order; the canonical layout is a fixed point. */
    @Test
    void layerOptionsFormatOnOneLine() {
        String messy = "model m {\nweights   \"m.safetensors\"   keys   hf-gpt2\ninput x [4]\nlayernorm   ln  gain bias   weights q2.14\n"
                + "linear fc [ 4->4 ]  gelu   erf  bias from \"h.0.c_attn\"  part 1 of 3   transposed\nargmax\n}\n";
        String formatted = format(messy);
        assertTrue(formatted.contains("\n    weights \"m.safetensors\" keys hf-gpt2\n"), formatted);
        assertTrue(formatted.contains("\n    layernorm ln gain bias weights q2.14\n"), formatted);
        assertTrue(formatted.contains("\n    linear fc [4 -> 4] gelu erf bias from \"h.0.c_attn\" part 1 of 3 transposed\n"), formatted);
        assertEquals(formatted, format(formatted));
    }
}
