package dev.bramble.golden;

import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.weights.ModelWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The float model on a tiny case (width 4, 1 head, context 3), against the same network worked
 * out independently below: whole-sequence matrices, attention recomputed over the full prefix
 * (no KV cache), softmax without max subtraction.
 */
class FloatModelTest {
    @TempDir
    Path dir;

    static final int DIM = 4, CONTEXT = 3, VOCAB = 3, MLP = 8;

    @Test
    void rmsnormReluMatchesIndependentComputation() throws Exception {
        check("rmsnorm", "relu");
    }

    @Test
    void layernormGeluMatchesIndependentComputation() throws Exception {
        check("layernorm", "gelu");
    }

    private void check(String norm, String act) throws Exception {
        String source = TinyModels.transformer(2, CONTEXT, DIM, 1, MLP, norm, act, "weights random seed 3", "weights q4.12, activations q4.12", "argmax");
        ModelWeights w = TinyModels.weights(source, dir);
        Interpreter<double[]> model = ReferenceModels.floating(w).interpreter();
        int[] tokens = {2, 0, 1};   // BOS, 'a', 'b'
        double[][] expected = independent(w, tokens, norm.equals("layernorm"), act.equals("gelu"));
        model.reset();
        for (int t = 0; t < CONTEXT; t++) {
            double[] logits = model.step(tokens[t], null, t);
            assertArrayEquals(expected[t], logits, 1e-9, "position " + t);
        }
        // At position 0 the only key is itself: the softmax weight is exactly 1.
        model.reset();
        model.step(tokens[0], null, 0);
        AttentionLayer attention = (AttentionLayer) model.model().flatLayers().stream().filter(l -> l instanceof AttentionLayer).findFirst().orElseThrow();
        assertArrayEquals(new double[] {1.0}, ((FloatArithmetic) model.arithmetic()).cache(attention).lastWeights[0], 0.0);
    }

    /** Logits for every position of the sequence, computed without the interpreter. */
    static double[][] independent(ModelWeights w, int[] tokens, boolean layernorm, boolean gelu) {
        int n = tokens.length;
        double[][] x = new double[n][DIM];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < DIM; j++) x[t][j] = w.values("wte")[tokens[t] * DIM + j] + w.values("wpe")[t * DIM + j];
            x[t] = normalize(x[t], layernorm);
        }
        // attention sub-block over whole sequence
        double[][] h = new double[n][];
        for (int t = 0; t < n; t++) h[t] = normalize(x[t], layernorm);
        double[][] q = new double[n][], k = new double[n][], v = new double[n][];
        for (int t = 0; t < n; t++) {
            q[t] = mul(w.values("layer0.attn_wq"), DIM, DIM, h[t]);
            k[t] = mul(w.values("layer0.attn_wk"), DIM, DIM, h[t]);
            v[t] = mul(w.values("layer0.attn_wv"), DIM, DIM, h[t]);
        }
        for (int t = 0; t < n; t++) {
            double[] weights = new double[t + 1];
            double total = 0;
            for (int s = 0; s <= t; s++) {
                double dot = 0;
                for (int d = 0; d < DIM; d++) dot += q[t][d] * k[s][d];
                weights[s] = Math.exp(dot / 2.0);     // sqrt(head dim 4) = 2
                total += weights[s];
            }
            double[] o = new double[DIM];
            for (int s = 0; s <= t; s++) for (int d = 0; d < DIM; d++) o[d] += weights[s] / total * v[s][d];
            double[] proj = mul(w.values("layer0.attn_wo"), DIM, DIM, o);
            for (int d = 0; d < DIM; d++) x[t][d] += proj[d];
        }
        double[][] logits = new double[n][];
        for (int t = 0; t < n; t++) {
            double[] hidden = mul(w.values("layer0.mlp_fc1"), MLP, DIM, normalize(x[t], layernorm));
            for (int i = 0; i < MLP; i++) {
                double z = hidden[i];
                hidden[i] = gelu ? z * 0.5 * (1 + Math.tanh(0.7978845608028654 * (z + 0.044715 * z * z * z))) : (z > 0 ? z : 0);
            }
            double[] out = mul(w.values("layer0.mlp_fc2"), DIM, MLP, hidden);
            for (int d = 0; d < DIM; d++) x[t][d] += out[d];
            logits[t] = mul(w.values("lm_head"), VOCAB, DIM, x[t]);
        }
        return logits;
    }

    static double[] normalize(double[] x, boolean layernorm) {
        double mean = 0;
        if (layernorm) {
            for (double v : x) mean += v / x.length;
        }
        double sq = 0;
        for (double v : x) sq += (v - mean) * (v - mean);
        double scale = Math.pow(sq / x.length + 1e-5, -0.5);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = (x[i] - mean) * scale;
        return y;
    }

    static double[] mul(double[] m, int rows, int cols, double[] x) {
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) y[r] += m[r * cols + c] * x[c];
        return y;
    }

    @Test
    void observerSeesEveryLayerOnce() throws Exception {
        String source = TinyModels.transformer(2, CONTEXT, DIM, 1, MLP, "rmsnorm", "relu", "weights random seed 3", "weights q4.12, activations q4.12", "argmax");
        Interpreter<double[]> model = ReferenceModels.floating(TinyModels.weights(source, dir)).interpreter();
        java.util.List<Layer> seen = new java.util.ArrayList<>();
        model.observe((layer, position, in, out) -> seen.add(layer));
        model.step(2, null, 0);
        // wte, wpe, rmsnorm, layer0 (block) with two residuals: 1+2 and 1+3, lm_head
        assertEquals(3 + 1 + 3 + 4 + 1, seen.size(), seen.toString());
    }
}
