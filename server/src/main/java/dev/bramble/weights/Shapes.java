package dev.bramble.weights;

/** Element counts with a ceiling, so an absurd shape is an error and never an allocation. */
final class Shapes {
    /** Far above any model that fits in FPGA on-chip memory, far below what breaks an int index. */
    static final long MAX_ELEMENTS = 1L << 28;

    private Shapes() {}

    static long multiply(long elements, long dimension, String where) throws WeightsFormatException {
        if (dimension != 0 && elements > MAX_ELEMENTS / dimension) {
            throw new WeightsFormatException(where + " has more than " + MAX_ELEMENTS + " elements; that is not a model for on-chip memory");
        }
        return elements * dimension;
    }
}
