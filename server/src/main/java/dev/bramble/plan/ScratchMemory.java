package dev.bramble.plan;

import dev.bramble.device.BlockRamKind;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.NormLayer;
import dev.bramble.lang.model.ResidualLayer;

/**
 * The lanes' scratch memories (rtl-lib/lane_scratch.v): one per lane, {@code rows} words of
 * {@code width} bits, with {@code portsRead} read ports the design reads (synthesis removes the
 * others) and where they live.
 */
public record ScratchMemory(int lanes, int rows, int width, int portsRead, Placement placement) {

    /** Read ports of each lane's memory in the RTL: operand, old value, one broadcast per column group. */
    public static int ports(int maxSplit) {
        return 2 + maxSplit;
    }

    /**
     * The read ports a model reads (synthesis removes the others): the broadcast row per column
     * group always; the operand row with a norm, a residual's add, a tied head or attention (q);
     * the written row's old value with a residual, a position embedding's sum or attention (k).
     */
    public static int portsRead(Model model, int lanes) {
        boolean attention = has(model, AttentionLayer.class), residual = has(model, ResidualLayer.class);
        boolean position = model.flatLayers().stream().anyMatch(l -> l instanceof EmbeddingLayer e && e.position());
        boolean tied = model.flatLayers().stream().anyMatch(l -> l instanceof LinearLayer lin && lin.tied());
        int splits = columnSplits(model, lanes);
        int ports = splits;
        if (attention || residual || tied || has(model, NormLayer.class)) ports++;
        if (attention || residual || position) ports++;
        return Math.min(ports, ports(splits));
    }

    /** The most column groups of any broadcast linear (each has its own read port; a tied head's lanes read their own words). */
    public static int columnSplits(Model model, int lanes) {
        int splits = 1;
        for (Layer l : model.flatLayers()) {
            if (l instanceof LinearLayer lin && !lin.tied()) splits = Math.max(splits, Planner.columnSplit(lin.outWidth(), lin.inWidth(), lanes));
        }
        return splits;
    }

    private static boolean has(Model model, Class<? extends Layer> kind) {
        return model.flatLayers().stream().anyMatch(kind::isInstance);
    }

    /** Block RAM they take on {@code kind}: a block copy per lane and read port (0 unless in block RAM). */
    public int blocks(BlockRamKind kind) {
        return placement == Placement.BLOCK_RAM ? blocksIfPlaced(kind) : 0;
    }

    /** What they would take in block RAM. */
    public int blocksIfPlaced(BlockRamKind kind) {
        return lanes * portsRead * kind.blocksFor(rows, width, true);
    }
}
