package dev.bramble.plan;

/**
 * Where one tensor lives in the lanes' ROM banks (docs/architecture.md §2). Every bank holds
 * {@code depthPerLane} words of it from {@code base}. Linears: {@code columnSplit} column
 * groups of {@code rowLanes} lanes, {@code passes} passes of {@code segment} columns.
 * Embeddings: {@code rows} rows of {@code segment = ⌈dim/L⌉} words, {@code passes = rows}.
 */
public record TensorLayout(String tensor, String layer, boolean embedding, int rows, int columns,
                           int base, int depthPerLane, int passes, int segment,
                           int columnSplit, int rowLanes) {

    /** The bank address of W[row][column] and the lane holding it. */
    public int laneOf(int row, int column, int lanes) {
        if (embedding) return column % lanes;
        int r = row % rowLanes;
        int g = column / segment;
        return g * rowLanes + r;
    }

    public int addressOf(int row, int column, int lanes) {
        if (embedding) return base + row * segment + column / lanes;
        int p = row / rowLanes;
        int c = column % segment;
        return base + p * segment + c;
    }
}
