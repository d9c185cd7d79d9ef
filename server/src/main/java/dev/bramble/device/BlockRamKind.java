package dev.bramble.device;

import java.util.List;
import java.util.Map;

/**
 * A family's block RAM: its smallest unit ({@code name}, {@code bits}), the shapes a memory may
 * use, the Yosys cell of one block ({@code cell}) and the other cells Yosys may emit for it with
 * how many smallest units each counts as (RAMB36E1 = 2 RAMB18; Gowin SP/pROM = 1 BSRAM).
 * {@code vendorRuleOnly} is non-null when Yosys cannot map an initialised ROM to this block, so
 * counts follow the vendor's documented shapes.
 *
 * <p>{@code yosysCost}: where non-zero, the family's blocks are mapped by Yosys's memory_libmap
 * (its brams.txt gives the cost: 64 on iCE40, 128 on ECP5 and Gowin, 129 for Xilinx's RAMB18,
 * whose RAMB36 is weighed apart: {@link LargerBlock}), and the count follows that pass's
 * geometry (Yosys 0.23 passes/memory/memory_libmap.cc, handle_geom): for a shape of d words of
 * w bits, the memory is cut into ⌈depth/d⌉ slices by its high address bits, and the slices'
 * bits are laid side by side across blocks that share the low address bits — ⌈⌈depth/d⌉ ·
 * width / w⌉ blocks, a mux on the read side picking the slice. So 6,144 × 6 bits take two
 * DP16KD (2,048 × 9: three slices of 6 bits in 18), not three. A writable memory pads its word
 * to the write granularity first ({@code yosysByte}: ECP5's 9-bit bytes, where the shape is at
 * least that wide; iCE40's byte-enable variant writes single bits). The shape is the one with
 * the lowest score — blocks × cost, half a point a read mux input per bit, and for a writable
 * memory cut in slices half a point a slice for the write demux — the narrowest on a tie.
 * Elsewhere the shape is the one with the fewest blocks, tiled in depth and width.
 */
public record BlockRamKind(String name, String cell, int bits, List<BlockRamShape> shapes,
                           Map<String, Integer> largerCells, String source, String vendorRuleOnly, int yosysCost, int yosysByte,
                           LargerBlock larger) {
    public BlockRamKind {
        // memory_libmap tries the widths narrowest first (a tie keeps the narrower); elsewhere the catalogue's order decides ties
        shapes = yosysCost > 0 ? byWidth(shapes) : List.copyOf(shapes);
        largerCells = largerCells == null ? Map.of() : Map.copyOf(largerCells);
    }

    /**
     * A larger cell memory_libmap weighs against the smallest block (Xilinx's RAMB36 beside the
     * RAMB18: two units, cost 257 against 129 in brams_xc4v.txt), with its own shapes.
     */
    public record LargerBlock(int units, int cost, List<BlockRamShape> shapes) {
        public LargerBlock {
            shapes = byWidth(shapes);
        }
    }

    private static List<BlockRamShape> byWidth(List<BlockRamShape> shapes) {
        return shapes.stream().sorted(java.util.Comparator.comparingInt(BlockRamShape::width)).toList();
    }

    /** Blocks for one read-only {@code depth × width} memory (a ROM: weights, tables). */
    public int blocksFor(long depth, int width) {
        return blocksFor(depth, width, false);
    }

    /** Blocks for one {@code depth × width} memory, {@code writable} when the core writes it (caches, scratch, sums). */
    public int blocksFor(long depth, int width, boolean writable) {
        if (depth <= 0 || width <= 0) return 0;
        BlockRamShape small = shapeFor(depth, width, writable);
        long blocks = tiles(small, depth, width, writable);
        if (yosysCost > 0 && larger != null) {
            // memory_libmap scores each cell on its own and keeps the cheaper (prune_post_geom)
            BlockRamShape big = libmapShape(larger.shapes(), larger.cost(), depth, width, writable);
            if (libmapScore(big, larger.cost(), depth, width, writable) < libmapScore(small, yosysCost, depth, width, writable)) {
                blocks = larger.units() * tiles(big, depth, width, writable);
            }
        }
        return (int) Math.min(blocks, Integer.MAX_VALUE);
    }

    /** The shape of the smallest block {@link #blocksFor(long, int, boolean)} weighs (see the class comment). */
    public BlockRamShape shapeFor(long depth, int width, boolean writable) {
        BlockRamShape pick = shapes.get(0);
        if (yosysCost > 0) return libmapShape(shapes, yosysCost, depth, width, writable);
        long bestTiles = Long.MAX_VALUE;
        for (BlockRamShape s : shapes) {
            long n = tiles(s, depth, width, writable);
            if (n < bestTiles) { bestTiles = n; pick = s; }
        }
        return pick;
    }

    /** The lowest-scoring of {@code candidates}, narrowest first. */
    private BlockRamShape libmapShape(List<BlockRamShape> candidates, int cost, long depth, int width, boolean writable) {
        // memory_libmap keeps its best score in an int: a wider shape must beat the truncated score
        BlockRamShape pick = null;
        long best = 0;
        for (BlockRamShape s : candidates) {
            double score = libmapScore(s, cost, depth, width, writable);
            if (pick == null || score < best) { best = (long) score; pick = s; }
        }
        return pick;
    }

    /** Blocks × cost, half a point a read-mux input per bit past the first slice, half a point a slice for a written memory's demux. */
    private double libmapScore(BlockRamShape s, int cost, long depth, int width, boolean writable) {
        long slices = ceilDiv(depth, s.depth());
        return (double) cost * tiles(s, depth, width, writable) + 0.5 * (slices - 1) * width + (writable && slices > 1 ? 0.5 * slices : 0);
    }

    private long tiles(BlockRamShape s, long depth, int width, boolean writable) {
        if (yosysCost == 0) return ceilDiv(depth, s.depth()) * ceilDiv(width, s.width());
        int granule = !writable ? 1 : yosysByte == 0 ? s.width() : Math.min(yosysByte, s.width());
        long padded = ceilDiv(width, granule) * granule;
        return ceilDiv(ceilDiv(depth, s.depth()) * padded, s.width());
    }

    /** Smallest blocks in a Yosys cell count ({@code num_cells_by_type}). */
    public int blocksIn(Map<String, Integer> cellsByType) {
        int n = cellsByType.getOrDefault(cell, 0);
        for (Map.Entry<String, Integer> e : largerCells.entrySet()) n += e.getValue() * cellsByType.getOrDefault(e.getKey(), 0);
        return n;
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
