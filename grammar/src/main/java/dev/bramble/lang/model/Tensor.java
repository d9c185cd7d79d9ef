package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;
import java.util.List;

/**
 * A weight tensor as the model declares it. {@code path} is its key in the weights file
 * ({@code layer0.attn_wq}); {@code shape} is row-major as stored: a linear [in -> out] is
 * [out, in], an embedding [rows, dim].
 */
public record Tensor(String path, List<Integer> shape, Range range) {
    public Tensor {
        shape = List.copyOf(shape);
    }

    public int rows() {
        return shape.get(0);
    }

    public int columns() {
        return shape.size() > 1 ? shape.get(1) : 1;
    }

    public long elements() {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }
}
