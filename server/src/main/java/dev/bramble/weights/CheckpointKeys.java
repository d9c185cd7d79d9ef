package dev.bramble.weights;

import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.BlockLayer;
import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.NormLayer;
import dev.bramble.lang.model.ResidualLayer;
import dev.bramble.lang.model.Tensor;
import dev.bramble.lang.model.WeightsSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each of a model's tensors sits in a checkpoint: the tensor's own {@code from "KEY"},
 * else the model's {@code keys} layout (nanoGPT, Hugging Face GPT-2), else its Bramble path.
 * Layouts map by structure, not by name (docs/import.md): the k-th top-level block is
 * {@code h.k}; inside it the first norm is {@code ln_1}, the second {@code ln_2}, attention's
 * q, k, v are parts 0, 1, 2 of {@code attn.c_attn} and its output {@code attn.c_proj}; the other
 * linears in order are {@code mlp.c_fc} and {@code mlp.c_proj}. At the top level the token and
 * position embeddings are {@code wte} and {@code wpe}, a norm after the blocks {@code ln_f}, the
 * logits linear {@code lm_head}. Hugging Face's block linears are Conv1D, stored [in, out]:
 * they are transposed.
 */
public final class CheckpointKeys {
    private CheckpointKeys() {}

    /** The checkpoint source of every tensor the model declares, by tensor path; null source = the path itself. */
    public static Map<String, Tensor.Source> sources(Model model, Set<String> storedKeys) {
        Map<String, Tensor.Source> out = new HashMap<>();
        String layout = model.weights() instanceof WeightsSource.File f ? f.keys() : null;
        if (layout != null) {
            boolean hf = layout.equals("hf-gpt2");
            String p = prefix(storedKeys, hf);
            int block = 0;
            boolean afterBlocks = false;
            List<Layer> top = model.layers();
            for (Layer layer : top) {
                if (layer instanceof EmbeddingLayer e) {
                    put(out, e.tensor(), Tensor.Source.of(p + (e.position() ? "wpe" : "wte")));
                } else if (layer instanceof BlockLayer b) {
                    mapBlock(b, p + "h." + block++ + ".", hf, out);
                    afterBlocks = true;
                } else if (layer instanceof NormLayer n) {
                    mapNorm(n, p + (afterBlocks ? "ln_f" : "ln_0"), out);
                } else if (layer instanceof LinearLayer l) {
                    mapLinear(l, Tensor.Source.of("lm_head"), out);
                }
            }
        }
        // A tensor's own 'from' wins over the layout.
        for (Tensor t : model.tensors()) if (t.source() != null) out.put(t.path(), t.source());
        return out;
    }

    /** nanoGPT keeps everything under "transformer."; a Hugging Face GPT2LMHeadModel does too, a GPT2Model does not. */
    private static String prefix(Set<String> storedKeys, boolean hf) {
        if (!hf) return "transformer.";
        for (String k : storedKeys) if (k.startsWith("transformer.")) return "transformer.";
        return "";
    }

    private static void mapBlock(BlockLayer block, String p, boolean hf, Map<String, Tensor.Source> out) {
        List<Layer> flat = new ArrayList<>();
        flatten(block.children(), flat);
        int norm = 0, linear = 0;
        for (Layer layer : flat) {
            if (layer instanceof NormLayer n) {
                mapNorm(n, p + "ln_" + ++norm, out);
            } else if (layer instanceof AttentionLayer a) {
                String attn = p + "attn.c_attn";
                mapLinear(a.query(), new Tensor.Source(attn, 0, 3, hf), out);
                mapLinear(a.key(), new Tensor.Source(attn, 1, 3, hf), out);
                mapLinear(a.value(), new Tensor.Source(attn, 2, 3, hf), out);
                mapLinear(a.output(), new Tensor.Source(p + "attn.c_proj", 0, 1, hf), out);
            } else if (layer instanceof LinearLayer l) {
                String name = linear++ == 0 ? "mlp.c_fc" : linear == 2 ? "mlp.c_proj" : "mlp.c_" + linear;
                mapLinear(l, new Tensor.Source(p + name, 0, 1, hf), out);
            }
        }
    }

    private static void flatten(List<Layer> layers, List<Layer> out) {
        for (Layer l : layers) {
            out.add(l);
            if (l instanceof ResidualLayer || l instanceof BlockLayer) flatten(l.children(), out);
        }
    }

    private static void mapNorm(NormLayer n, String key, Map<String, Tensor.Source> out) {
        if (n.gain() != null) put(out, n.gain(), Tensor.Source.of(key));
        if (n.bias() != null) put(out, n.bias(), Tensor.Source.of(key));
    }

    private static void mapLinear(LinearLayer l, Tensor.Source source, Map<String, Tensor.Source> out) {
        if (!l.tied()) put(out, l.tensor(), source);
        if (l.bias() != null) put(out, l.bias(), source);
    }

    private static void put(Map<String, Tensor.Source> out, Tensor t, Tensor.Source s) {
        out.put(t.path(), s);
    }
}
