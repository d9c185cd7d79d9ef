package dev.bramble.plan;

import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * One rtl-lib/attention_core.v instance. The attention layers of one shape (width and heads)
 * share it: the layers run one after another, so a second layer costs its own block of the
 * K and V caches ({@code layers().size()} blocks of context × chunks rows), not a second set of
 * score sums, exp tables, reciprocal and scale multipliers.
 *
 * @param shape the first layer of the shape (its width and heads are the core's)
 * @param layers the paths of the layers that run on it, in model order (block i is layer i's)
 */
public record AttentionCore(AttentionLayer shape, List<String> layers) {
    public AttentionCore {
        layers = List.copyOf(layers);
    }

    /** The cores of these attention layers (in model order), a core per shape in order of first use. */
    public static List<AttentionCore> of(List<AttentionLayer> attentions) {
        List<AttentionLayer> shapes = new ArrayList<>();
        List<List<String>> paths = new ArrayList<>();
        for (AttentionLayer a : attentions) {
            int i = indexOf(shapes, a);
            if (i < 0) {
                shapes.add(a);
                paths.add(new ArrayList<>());
                i = shapes.size() - 1;
            }
            paths.get(i).add(a.path());
        }
        List<AttentionCore> cores = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) cores.add(new AttentionCore(shapes.get(i), paths.get(i)));
        return cores;
    }

    /** The cores of a model's attention layers. */
    public static List<AttentionCore> of(Model model) {
        List<AttentionLayer> attentions = new ArrayList<>();
        for (Layer l : model.flatLayers()) if (l instanceof AttentionLayer a) attentions.add(a);
        return of(attentions);
    }

    /** Which core of {@code shapes} runs {@code a}: the first of the same width and heads, or -1. */
    static int indexOf(List<AttentionLayer> shapes, AttentionLayer a) {
        for (int i = 0; i < shapes.size(); i++) {
            if (shapes.get(i).attentionWidth() == a.attentionWidth() && shapes.get(i).heads() == a.heads()) return i;
        }
        return -1;
    }

    /** Which of {@code cores} runs the layer {@code path}, or -1. */
    public static int unitOf(List<AttentionCore> cores, String path) {
        for (int i = 0; i < cores.size(); i++) if (cores.get(i).block(path) >= 0) return i;
        return -1;
    }

    /** Bits of a stored score (then e, then pi): the scaled score saturated to 32 bits. */
    public static final int SCORE_BITS = 32;

    /**
     * The heads' score memories on {@code lanes} lanes: lane k keeps heads k, k + L, ... and has
     * one memory and one exp unit, so min(heads, lanes) of them (rtl-lib/attention_core.v).
     */
    public int headLanes(int lanes) {
        return Math.min(shape.heads(), Math.max(1, lanes));
    }

    /** Rows of each score memory: a context's rows per head it keeps (a one-row memory is declared with two). */
    public int scoreRows(int context, int lanes) {
        int perLane = (shape.heads() + Math.max(1, lanes) - 1) / Math.max(1, lanes);
        return perLane * Math.max(2, context);
    }

    /** Block RAM the score memories of {@code cores} take on {@code kind}. */
    public static int scoreBlocks(List<AttentionCore> cores, dev.bramble.device.BlockRamKind kind, int context, int lanes) {
        int n = 0;
        for (AttentionCore core : cores) n += core.headLanes(lanes) * kind.blocksFor(core.scoreRows(context, lanes), SCORE_BITS, true);
        return n;
    }

    /** The block of the caches {@code path} uses. */
    public int block(String path) {
        return layers.indexOf(path);
    }
}
