package dev.bramble.plan;

/**
 * Where one tensor lives in the lanes' ROM banks (docs/architecture.md §2). Every bank holds
 * {@code depthPerLane} words of it from {@code base}. Linears: {@code columnSplit} column
 * groups of {@code rowLanes} lanes, {@code passes} passes of {@code segment} columns.
 * Embeddings: {@code rows} rows of {@code segment = ⌈dim/L⌉} words, {@code passes = rows}.
 * {@code biasColumn}: a linear's last column holds its bias ({@code bias}, the tensor; null
 * for zeros: q, k and v share their shape when only some have a bias), multiplied by the
 * constant 1.0 the broadcast gives in that column — the bias enters the dot product exactly as
 * docs/numerics.md adds it, before the rounding and the activation. A tied head's layout (the
 * embedding's words, depth 0) has a bias column of issues only: its words are a layout of their
 * own ({@link CoreOp.TiedBias}).
 */
public record TensorLayout(String tensor, String layer, boolean embedding, int rows, int columns,
                           int base, int depthPerLane, int passes, int segment,
                           int columnSplit, int rowLanes, boolean biasColumn, String bias) {

    public TensorLayout(String tensor, String layer, boolean embedding, int rows, int columns, int base, int depthPerLane, int passes,
                        int segment, int columnSplit, int rowLanes) {
        this(tensor, layer, embedding, rows, columns, base, depthPerLane, passes, segment, columnSplit, rowLanes, false, null);
    }

    /** The matrix's own columns (the input width): {@code columns} less the bias column. */
    public int inputs() {
        return biasColumn ? columns - 1 : columns;
    }

    /**
     * Words per lane the bias column adds: {@link #biasCycles}, as each of its issues reads a word
     * of this layout — but none for a tied head's (depth 0: its bias is a vector of its own,
     * {@link CoreOp.TiedBias}, counted as that vector's layout).
     */
    public int biasWordsPerLane() {
        return depthPerLane == 0 ? 0 : biasCycles();
    }

    /** Issue cycles the bias column adds: the passes times the columns it adds to a group's segment. */
    public int biasCycles() {
        if (!biasColumn) return 0;
        return passes * (segment - (inputs() + columnSplit - 1) / columnSplit);
    }

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
