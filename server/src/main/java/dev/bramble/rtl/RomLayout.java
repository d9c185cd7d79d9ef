package dev.bramble.rtl;

import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.weights.ModelWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * The lanes' weight ROMs (docs/architecture.md §2): one bank per lane, every tensor at the same
 * base address in each bank, in execution order.
 * Linear [out, in] with s column groups of R = lanes/s lanes: lane g·R + r holds W[p·R + r][g·S + c] at base + p·S + c.
 * Embedding [rows, dim]: lane l holds columns l, l+lanes, ... of each row (address base + r·⌈dim/lanes⌉ + c).
 * Words past a tensor's edge are 0.
 */
final class RomLayout {
    record Bank(int lane, int depth, String file, long[] words) {
        String signal() {
            return "rom" + lane;
        }
    }

    private final List<Bank> banks = new ArrayList<>();
    private final boolean block;

    RomLayout(CoreProgram program, ModelWeights weights, boolean block) {
        this.block = block;
        Model model = program.model();
        int lanes = program.lanes();
        int depth = program.romDepth();
        long[][] words = new long[lanes][depth];
        for (Layer layer : model.flatLayers()) {
            if (layer instanceof LinearLayer lin && program.tensors().contains(lin.tensor().path())) {
                int base = program.romBase(lin.tensor().path());
                int[] w = weights.quantized(lin.tensor().path());
                int out = lin.outWidth();
                int in = lin.inWidth();
                int rowLanes = lanes / program.split(lin);
                int segment = program.segment(lin);
                // lane g·R + r holds W[p·R + r][g·S + c] at base + p·S + c
                for (int row = 0; row < out; row++) {
                    for (int j = 0; j < in; j++) {
                        int lane = (j / segment) * rowLanes + row % rowLanes;
                        words[lane][base + (row / rowLanes) * segment + j % segment] = w[row * in + j];
                    }
                }
            } else if (layer instanceof EmbeddingLayer e && program.tensors().contains(e.tensor().path())) {
                int base = program.romBase(e.tensor().path());
                int[] w = weights.quantized(e.tensor().path());
                int chunks = CoreOp.chunks(e.dim(), lanes);
                for (int r = 0; r < e.rows(); r++) {
                    for (int col = 0; col < e.dim(); col++) words[col % lanes][base + r * chunks + col / lanes] = w[r * e.dim() + col];
                }
            }
        }
        if (depth > 0) for (int l = 0; l < lanes; l++) banks.add(new Bank(l, depth, "rom_lane" + l + ".hex", words[l]));
    }

    List<Bank> banks() {
        return List.copyOf(banks);
    }

    boolean block() {
        return block;
    }
}
