package dev.bramble.rtl;

import dev.bramble.numerics.FixedMath;
import dev.bramble.plan.CoreOp;
import dev.bramble.plan.CoreProgram;
import dev.bramble.plan.TensorLayout;
import dev.bramble.weights.ModelWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * The lanes' weight ROMs (docs/architecture.md §2): one bank per lane, every tensor at the same
 * base address in each bank, in execution order.
 * Where each element goes is the plan's {@link TensorLayout}; words past a tensor's edge are 0.
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
        int lanes = program.lanes();
        int depth = program.romDepth();
        long[][] words = new long[lanes][depth];
        java.util.Map<String, CoreOp.TiedBias> tiedBiases = new java.util.HashMap<>();
        for (CoreOp op : program.ops()) if (op instanceof CoreOp.Linear lin && lin.tiedBias() != null) tiedBiases.put(lin.tiedBias().tensor(), lin.tiedBias());
        for (TensorLayout t : program.layouts()) {
            if (t.depthPerLane() == 0) continue;   // a tied head's: its embedding's words, written with it
            int[] w = weights.quantized(t.tensor());
            CoreOp.TiedBias tb = tiedBiases.get(t.tensor());
            if (tb != null) {
                // a tied head's bias: each word scaled so that its product with the column's constant is the reference's term
                w = w.clone();
                for (int i = 0; i < w.length; i++) w[i] = Math.toIntExact(FixedMath.rescale(w[i], tb.fromFrac(), tb.wordFrac()));
            }
            int in = t.inputs();
            for (int row = 0; row < t.rows(); row++) {
                for (int col = 0; col < in; col++) {
                    words[t.laneOf(row, col, lanes)][t.addressOf(row, col, lanes)] = w[row * in + col];
                }
            }
            // a linear's bias in its last column (the broadcast gives 1.0 there); none: zeros
            if (t.bias() != null) {
                int[] b = weights.quantized(t.bias());
                for (int row = 0; row < t.rows(); row++) words[t.laneOf(row, in, lanes)][t.addressOf(row, in, lanes)] = b[row];
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
