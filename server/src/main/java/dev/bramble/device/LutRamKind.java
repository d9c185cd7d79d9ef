package dev.bramble.device;

import java.util.Map;

/**
 * A family's LUT RAM, as data (like the block RAM shapes): logic cells used as small RAMs. One
 * cell is {@code depth} words × {@code bitsPerCell} bits with {@code portsPerCell} read ports
 * (Xilinx RAM32M: 32 × 2 bits, three read ports — or 32 × 6 bits behind one read port) and fills
 * {@code unitsPerCell} of the family's logic units; a memory with more read ports than a cell has
 * is replicated (Yosys 0.23 memory_libmap). {@code cells}: the logic units each Yosys cell fills,
 * to count a synthesis result in the same unit.
 */
public record LutRamKind(int depth, int bitsPerCell, int portsPerCell, double unitsPerCell, Map<String, Double> cells, String source) {
    public LutRamKind {
        cells = Map.copyOf(cells);
    }

    /** Logic units of a memory of {@code rows} words × {@code bits} read through {@code ports} ports. */
    public double units(int rows, int bits, int ports) {
        long deep = (Math.max(1L, rows) + depth - 1) / depth;
        int p = Math.max(1, ports);
        long b = Math.max(1L, bits);
        if (p <= portsPerCell) {
            // a cell's read-port slots hold bit slices of the memory's ports (RAM32M: six one-port bits, or two three-port bits)
            long slots = (long) portsPerCell * bitsPerCell;
            return deep * ((p * b + slots - 1) / slots) * unitsPerCell;
        }
        // more ports than a cell reads: the cells are replicated per group of ports
        long groups = (p + portsPerCell - 1) / portsPerCell;
        return deep * groups * ((b + bitsPerCell - 1) / bitsPerCell) * unitsPerCell;
    }
}
