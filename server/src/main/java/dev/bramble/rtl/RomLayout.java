package dev.bramble.rtl;

import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.weights.ModelWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * How each weight tensor is split into per-lane ROM banks, and the banks' images.
 * Linear [out, in]: lane l holds rows l, l+lanes, ... one after another (address g·in + j).
 * Embedding [rows, dim]: lane l holds columns l, l+lanes, ... of each row (address r·chunks + c).
 * Lanes that would hold only padding get no bank.
 */
final class RomLayout {
    record Bank(String tensor, int tensorIndex, int lane, int depth, String file, long[] words) {
        String signal() {
            return "rom_" + tensorIndex + "_" + lane;
        }
    }

    private final List<Bank> banks = new ArrayList<>();
    private final boolean block;

    RomLayout(CoreProgram program, ModelWeights weights, boolean block) {
        this.block = block;
        Model model = program.model();
        int lanes = program.lanes();
        List<String> tensors = program.tensors();
        for (Layer layer : model.flatLayers()) {
            if (layer instanceof LinearLayer lin && tensors.contains(lin.tensor().path())) {
                int ti = tensors.indexOf(lin.tensor().path());
                int[] w = weights.quantized(lin.tensor().path());
                int out = lin.outWidth();
                int in = lin.inWidth();
                int groups = CoreOp.chunks(out, lanes);
                for (int l = 0; l < Math.min(lanes, out); l++) {
                    long[] words = new long[groups * in];
                    for (int g = 0; g < groups; g++) {
                        int row = g * lanes + l;
                        if (row >= out) continue;
                        for (int j = 0; j < in; j++) words[g * in + j] = w[row * in + j];
                    }
                    banks.add(new Bank(lin.tensor().path(), ti, l, words.length, fileName(ti, lin.tensor().path(), l), words));
                }
            } else if (layer instanceof EmbeddingLayer e && tensors.contains(e.tensor().path())) {
                int ti = tensors.indexOf(e.tensor().path());
                int[] w = weights.quantized(e.tensor().path());
                int chunks = CoreOp.chunks(e.dim(), lanes);
                for (int l = 0; l < Math.min(lanes, e.dim()); l++) {
                    long[] words = new long[e.rows() * chunks];
                    for (int r = 0; r < e.rows(); r++) {
                        for (int c = 0; c < chunks; c++) {
                            int col = c * lanes + l;
                            if (col < e.dim()) words[r * chunks + c] = w[r * e.dim() + col];
                        }
                    }
                    banks.add(new Bank(e.tensor().path(), ti, l, words.length, fileName(ti, e.tensor().path(), l), words));
                }
            }
        }
        banks.sort((a, b) -> a.tensorIndex() != b.tensorIndex() ? Integer.compare(a.tensorIndex(), b.tensorIndex()) : Integer.compare(a.lane(), b.lane()));
    }

    static String fileName(int tensorIndex, String tensor, int lane) {
        return "rom" + tensorIndex + "_" + VerilogNames.fileStem(tensor.replace('.', '_')) + "_lane" + lane + ".hex";
    }

    List<Bank> banks() {
        return List.copyOf(banks);
    }

    boolean block() {
        return block;
    }
}
