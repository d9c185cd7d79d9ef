package dev.bramble.device;

import java.util.List;
import java.util.Map;

/**
 * A family's block RAM: its smallest unit ({@code name}, {@code bits}), the shapes a ROM may use,
 * and the larger cells Yosys may emit with how many smallest units each counts as
 * (RAMB36E1 = 2 RAMB18). {@code vendorRuleOnly} is non-null when Yosys cannot map an
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

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
