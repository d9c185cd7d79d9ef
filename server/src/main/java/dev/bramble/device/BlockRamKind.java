package dev.bramble.device;

import java.util.List;
import java.util.Map;

/**
 * A family's block RAM: its smallest unit ({@code name}, {@code bits}), the shapes a ROM may use,
 * the Yosys cell of one block ({@code cell}) and the other cells Yosys may emit for it with how
 * many smallest units each counts as (RAMB36E1 = 2 RAMB18; Gowin SP/pROM = 1 BSRAM). {@code vendorRuleOnly} is non-null when Yosys cannot map an
 * initialised ROM to this block, so counts follow the vendor's documented shapes.
 * {@code yosysCost}: where non-zero, the block's cost in Yosys's memory library (ice40
 * brams.txt: 64), and the shape is the one Yosys's memory_libmap scores lowest — blocks × cost
 * plus a mux input per bit for every tile stacked in depth — not simply the fewest blocks: a
 * 4192 × 16 ROM is 18 SB_RAM40_4K as 512 × 8 tiles, not 17 as 256 × 16 (measured with Yosys 0.23).
 */
public record BlockRamKind(String name, String cell, int bits, List<BlockRamShape> shapes,
                           Map<String, Integer> largerCells, String source, String vendorRuleOnly, int yosysCost) {
    public BlockRamKind {
        shapes = List.copyOf(shapes);
        largerCells = largerCells == null ? Map.of() : Map.copyOf(largerCells);
    }

    /** Blocks for one {@code depth × width} memory: the cheapest legal shape, tiled. */
    public int blocksFor(long depth, int width) {
        if (depth <= 0 || width <= 0) return 0;
        return (int) Math.min(tiles(shapeFor(depth, width), depth, width), Integer.MAX_VALUE);
    }

    /**
     * The shape {@link #blocksFor} picks: the fewest blocks (first in catalogue order), or with a
     * {@code yosysCost} the lowest Yosys score, the fewer blocks on a tie.
     */
    public BlockRamShape shapeFor(long depth, int width) {
        BlockRamShape pick = shapes.get(0);
        long bestScore = Long.MAX_VALUE, bestTiles = Long.MAX_VALUE;
        for (BlockRamShape s : shapes) {
            long n = tiles(s, depth, width);
            long score = yosysCost > 0 ? n * yosysCost + (ceilDiv(depth, s.depth()) - 1) * width : n;
            if (score < bestScore || (score == bestScore && n < bestTiles)) { bestScore = score; bestTiles = n; pick = s; }
        }
        return pick;
    }

    private static long tiles(BlockRamShape s, long depth, int width) {
        return ceilDiv(depth, s.depth()) * ceilDiv(width, s.width());
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
