package dev.bramble.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One tensor as a file stores it: element type, shape and the raw bytes (a read-only slice, so
 * nothing is converted until someone asks). {@link #values()} converts to row-major doubles.
 */
public final class StoredTensor {
    private final String name;
    private final DType dtype;
    private final long[] shape;
    private final ByteBuffer data;
    private final boolean fortranOrder;
    private double[] values;

    StoredTensor(String name, DType dtype, long[] shape, ByteBuffer data, ByteOrder order, boolean fortranOrder) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data.slice().order(order);
        this.fortranOrder = fortranOrder;
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long elements() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    /** "[27, 16]". */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    /** The values in row-major (C) order, converted once and then kept. */
    public synchronized double[] values() {
        if (values == null) values = convert();
        return values;
    }

    private double[] convert() {
        int n = (int) elements();
        double[] flat = new double[n];
        for (int i = 0; i < n; i++) flat[i] = dtype.read(data, i);
        return fortranOrder ? toRowMajor(flat) : flat;
    }

    /** Fortran order stores the first index fastest; reorder so the last index is fastest. */
    private double[] toRowMajor(double[] columnMajor) {
        int rank = shape.length;
        double[] out = new double[columnMajor.length];
        int[] index = new int[rank];
        for (int rowMajor = 0; rowMajor < out.length; rowMajor++) {
            long colOffset = 0;
            long stride = 1;
            for (int d = 0; d < rank; d++) {
                colOffset += index[d] * stride;
                stride *= shape[d];
            }
            out[rowMajor] = columnMajor[(int) colOffset];
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) break;
                index[d] = 0;
            }
        }
        return out;
    }
}
