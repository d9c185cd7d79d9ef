package dev.bramble.golden;

import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.model.Model;
import dev.bramble.errors.UserError;
import dev.bramble.weights.ModelWeights;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small transformer descriptions for the golden-model tests. */
final class TinyModels {
    private TinyModels() {}

    /** A microGPT-shaped model; {@code norm} rmsnorm|layernorm, {@code act} relu|gelu. */
    static String transformer(int vocabChars, int context, int dim, int heads, int mlp, String norm, String act,
                              String weights, String numeric, String output) {
        String charset = "abcdefghijklmnopqrstuvwxyz".substring(0, vocabChars);
        return String.join("\n",
                "model tiny {",
                "    vocab = " + (vocabChars + 1),
                "    context = " + context,
                "    dim = " + dim,
                "    " + weights,
                "    tokens \"" + charset + "\" bos",
                "    numeric " + numeric,
                "    embedding wte [vocab, dim]",
                "    embedding wpe [context, dim] position",
                "    " + norm,
                "    block layer0 {",
                "        residual {",
                "            " + norm,
                "            attention heads " + heads + " {",
                "                linear attn_wq [dim -> dim]",
                "                linear attn_wk [dim -> dim]",
                "                linear attn_wv [dim -> dim]",
                "                linear attn_wo [dim -> dim]",
                "            }",
                "        }",
                "        residual {",
                "            " + norm,
                "            linear mlp_fc1 [dim -> " + mlp + "] " + act,
                "            linear mlp_fc2 [" + mlp + " -> dim]",
                "        }",
                "    }",
                "    linear lm_head [dim -> vocab]",
                "    " + output,
                "}", "");
    }

    static Model parse(String source) {
        Design design = Bramble.analyze("tiny.bramble", source);
        assertTrue(design.diagnostics().stream().noneMatch(Diagnostic::isError), design.diagnostics().toString());
        return design.model().orElseThrow();
    }

    static ModelWeights weights(String source, Path dir) throws UserError {
        return ModelWeights.load(parse(source), dir);
    }
}
