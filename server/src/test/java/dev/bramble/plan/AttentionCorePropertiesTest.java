package dev.bramble.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.device.DeviceCatalog;
import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Attention layers of one shape share one attention core (AttentionCore): over lane counts,
 * layer counts, widths, heads and contexts, a second layer of a shape adds cache rows, never
 * multipliers or a core; a layer of another shape gets its own core; the lanes' accumulators
 * hold a weighted sum of v.
 */
class AttentionCorePropertiesTest {
    /** {@code same} blocks with attention of {@code heads} heads, then one of {@code otherHeads} (0: none). */
    static String design(int dim, int heads, int otherHeads, int same, int context, int na, int lanes) {
        StringBuilder t = new StringBuilder("model m {\n    vocab = 7\n    context = " + context + "\n    dim = " + dim + "\n");
        t.append("    weights random seed 1\n    numeric weights q2.6, activations q").append(na - na / 2).append('.').append(na / 2).append('\n');
        t.append("    embedding wte [vocab, dim]\n");
        for (int b = 0; b < same + (otherHeads > 0 ? 1 : 0); b++) {
            int h = b < same ? heads : otherHeads;
            t.append("    block b").append(b).append(" {\n        residual {\n            attention heads ").append(h).append(" {\n");
            for (String w : List.of("wq", "wk", "wv", "wo")) t.append("                linear ").append(w).append(" [dim -> dim]\n");
            t.append("            }\n        }\n    }\n");
        }
        t.append("    linear lm_head [dim -> vocab]\n    argmax\n}\n");
        t.append("target t {\n    device xc7a100t\n    clock 50 MHz\n    lanes ").append(lanes).append("\n}\n");
        return t.toString();
    }

    static Plan plan(String text) {
        Design d = Bramble.analyze("m.bramble", text);
        assertFalse(d.hasErrors(), () -> d.diagnostics() + "\n" + text);
        var target = d.target(null).orElseThrow();
        return Planner.plan(d.model().orElseThrow(), target, DeviceCatalog.standard().find(target.device()).orElseThrow());
    }

    static long attentionCells(Plan p) {
        return p.multipliers().stream().filter(m -> m.unit().equals(MultiplierInventory.ATTENTION)).mapToLong(m -> (long) m.count() * m.a() * m.b()).sum();
    }

    @Property(tries = 60)
    void layersOfOneShapeShareACoreAndItsMultipliers(@ForAll @IntRange(min = 1, max = 40) int lanes, @ForAll @IntRange(min = 1, max = 3) int same,
                                                     @ForAll @IntRange(min = 0, max = 2) int widthPick, @ForAll @IntRange(min = 2, max = 12) int context,
                                                     @ForAll @IntRange(min = 8, max = 20) int na) {
        int dim = new int[] {8, 12, 32}[widthPick];
        int heads = dim == 12 ? 3 : 4, other = 2;
        Plan one = plan(design(dim, heads, 0, 1, context, na, lanes));
        Plan many = plan(design(dim, heads, 0, same, context, na, lanes));
        Plan mixed = plan(design(dim, heads, other, same, context, na, lanes));

        assertEquals(1, many.program().attentionCores().size(), "one shape, one core");
        assertEquals(same, many.program().attentionCores().get(0).layers().size());
        assertEquals(2, mixed.program().attentionCores().size(), "another shape gets a core of its own");
        assertEquals(attentionCells(one), attentionCells(many), "a second layer of a shape adds no multiplier");
        assertTrue(attentionCells(mixed) >= attentionCells(one));

        int chunks = Timing.attentionChunks(dim, lanes);
        assertEquals(1, many.kvCaches().size(), "one KV cache per core");
        for (KvCache kv : many.kvCaches()) {
            assertEquals(2 * same * context * chunks, kv.rows(), "a K and a V block of context x chunks rows per layer");
            assertEquals(Math.min(lanes, dim) * na, kv.width());
        }
        // each layer's op names its core and its own block
        List<CoreOp.Attention> ops = many.program().ops().stream().filter(o -> o instanceof CoreOp.Attention).map(o -> (CoreOp.Attention) o).toList();
        for (int i = 0; i < ops.size(); i++) {
            assertEquals(0, ops.get(i).unit());
            assertEquals(i, ops.get(i).block());
        }
        assertTrue(many.program().accumulatorWidth() >= MultiplierInventory.attentionSumWidth(na, context), "the lanes hold a weighted sum");
    }
}
