package dev.bramble.device;

import java.util.List;
import java.util.Map;

/**
 * A family's block RAM: its smallest unit ({@code name}, {@code bits}), the shapes a ROM may use,
 * the Yosys cell of one block ({@code cell}) and the other cells Yosys may emit for it with how
 * many smallest units each counts as (RAMB36E1 = 2 RAMB18; Gowin SP/pROM = 1 BSRAM). {@code vendorRuleOnly} is non-null when Yosys cannot map an
 * initialised ROM to this block, so counts follow the vendor's documented shapes.
 */
public record BlockRamKind(String name, String cell, int bits, List<BlockRamShape> shapes,
                           Map<String, Integer> largerCells, String source, String vendorRuleOnly) {
    public BlockRamKind {
        shapes = List.copyOf(shapes);
        largerCells = largerCells == null ? Map.of() : Map.copyOf(largerCells);
    }

    /** Blocks for one {@code depth × width} memory: the cheapest legal shape, tiled. */
    public int blocksFor(long depth, int width) {
        if (depth <= 0 || width <= 0) return 0;
        long best = Long.MAX_VALUE;
        for (BlockRamShape s : shapes) {
            long n = ceilDiv(depth, s.depth()) * ceilDiv(width, s.width());
            best = Math.min(best, n);
        }
        return (int) Math.min(best, Integer.MAX_VALUE);
    }

    /** The shape {@link #blocksFor} picks (first of the cheapest, in catalogue order). */
    public BlockRamShape shapeFor(long depth, int width) {
        BlockRamShape pick = shapes.get(0);
        long best = Long.MAX_VALUE;
        for (BlockRamShape s : shapes) {
            long n = ceilDiv(depth, s.depth()) * ceilDiv(width, s.width());
            if (n < best) { best = n; pick = s; }
        }
        return pick;
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
