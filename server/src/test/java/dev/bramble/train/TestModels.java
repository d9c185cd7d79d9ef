package dev.bramble.train;

import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import dev.bramble.errors.UserError;

/** Small models for tests, written in the language itself. */
final class TestModels {
    private TestModels() {}

    /** A model named m over tokens "abcde" bos (vocabulary 6), context 5, with the given layers. */
    static String lm(String layers) {
        return "model m {\n    context = 5\n    weights random seed 1\n    tokens \"abcde\" bos\n"
                + layers + "\n    argmax\n}\n";
    }

    static Network network(String source) {
        Design design = Bramble.analyze("test.bramble", source);
        if (design.hasErrors()) throw new AssertionError("test model has errors: " + design.diagnostics());
        try {
            return Network.compile(design.model().orElseThrow(), "test.bramble");
        } catch (UserError e) {
            throw new AssertionError(e.getMessage());
        }
    }

    /** A microGPT-shaped model: every layer kind microGPT uses, at a size a gradient check can afford. */
    static final String SMALL_GPT = lm("""
                embedding wte [6, 8]
                embedding wpe [5, 8] position
                rmsnorm
                block layer[0..1] {
                    residual {
                        rmsnorm
                        attention heads 2 {
                            linear attn_wq [8 -> 8]
                            linear attn_wk [8 -> 8]
                            linear attn_wv [8 -> 8]
                            linear attn_wo [8 -> 8]
                        }
                    }
                    residual {
                        rmsnorm
                        linear mlp_fc1 [8 -> 16] relu
                        linear mlp_fc2 [16 -> 8]
                    }
                }
                linear lm_head [8 -> 6]
            """);
}
