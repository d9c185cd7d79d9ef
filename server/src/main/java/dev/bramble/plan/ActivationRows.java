package dev.bramble.plan;

import dev.bramble.lang.model.ArgmaxLayer;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.BlockLayer;
import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.InputLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.NormLayer;
import dev.bramble.lang.model.ResidualLayer;
import dev.bramble.lang.model.SampleLayer;

import java.util.List;

/**
 * Rows of activation registers the emitted core keeps ({@code lanes} words of {@code Na} bits
 * each): the allocation rules of {@code dev.bramble.rtl.CoreProgram}, counted without building
 * the program (the estimator runs per keystroke). An input, a token embedding, every linear's
 * output, q/k/v and the attention result, and a norm inside a residual take rows; a top-level
 * norm and a position embedding work in place; the last linear of a residual body adds into the
 * stream and gives its rows back; the logits live in their own 32-bit registers.
 * {@code MultiplierInventoryTest} checks this count against the program's.
 */
public final class ActivationRows {
    private ActivationRows() {}

    public static int of(Model model, int lanes) {
        Counter c = new Counter(Math.max(1, lanes));
        List<Layer> top = model.layers();
        Layer logits = top.size() >= 2 ? top.get(top.size() - 2) : null;
        for (Layer layer : top) {
            if (layer instanceof SampleLayer || layer instanceof ArgmaxLayer || layer == logits) continue;
            c.emit(layer, false);
        }
        return c.rows;
    }

    private static final class Counter {
        final int lanes;
        int rows;
        /** Rows taken by the last op if it was a linear (given back when a residual folds it). */
        int lastLinearRows = -1;
        /** Ops emitted so far (a residual folds its last linear only when that linear does not read the residual's own input). */
        int ops;

        Counter(int lanes) {
            this.lanes = lanes;
        }

        int chunks(int width) {
            return (width + lanes - 1) / lanes;
        }

        void take(int width) {
            rows += chunks(width);
        }

        void emit(Layer layer, boolean nested) {
            ops++;
            if (layer instanceof InputLayer in) {
                take(in.width());
                lastLinearRows = -1;
            } else if (layer instanceof EmbeddingLayer e) {
                if (!e.position()) take(e.dim());
                lastLinearRows = -1;
            } else if (layer instanceof NormLayer n) {
                if (nested) take(n.width());
                lastLinearRows = -1;
            } else if (layer instanceof LinearLayer l) {
                take(l.outWidth());
                lastLinearRows = chunks(l.outWidth());
            } else if (layer instanceof AttentionLayer a) {
                take(a.query().outWidth());
                take(a.key().outWidth());
                take(a.value().outWidth());
                take(a.attentionWidth());
                emit(a.output(), true);
            } else if (layer instanceof ResidualLayer r) {
                lastLinearRows = -1;
                int first = ops;
                for (Layer child : r.children()) emit(child, true);
                // folded into the last linear's write-back, unless that linear is the body's only op (it reads the stream itself)
                if (lastLinearRows >= 0 && ops - first > 1) rows -= lastLinearRows;
                lastLinearRows = -1;
            } else if (layer instanceof BlockLayer b) {
                for (Layer child : b.children()) emit(child, nested);
            }
        }
    }
}
