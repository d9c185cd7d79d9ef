package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;
import java.util.List;

/**
 * A weight tensor as the model declares it. {@code path} is its key in the weights file
 * ({@code layer0.attn_wq}, {@code layer0.ln_1.gain}); {@code shape} is row-major as stored: a
 * linear [in -> out] is [out, in], an embedding [rows, dim], a bias or a gain [width].
 * {@code format} is the layer's own weight format ({@code weights q1.7}), or null for the
 * model's; {@code source} is where a checkpoint keeps it ({@code from "KEY"}), or null for
 * {@code path} (or the model's {@code keys} layout).
 */
public record Tensor(String path, List<Integer> shape, Range range, Role role, FixedFormat format, Source source) {
    /** What the tensor is to its layer: its key suffix under a {@code from} module key. */
    public enum Role {
        /** A linear's matrix or an embedding's table: {@code KEY.weight} (or {@code KEY} itself). */
        WEIGHT,
        /** A linear's or a layernorm's bias: {@code KEY.bias}. */
        BIAS,
        /** A norm's learned gain: {@code KEY.weight}. */
        GAIN;

        public String suffix() {
            return this == BIAS ? "bias" : "weight";
        }
    }

    /**
     * {@code from "KEY" [part I of N] [transposed]}: the checkpoint's module key; the stored
     * tensor is transposed first (HF Conv1D stores [in, out]), then split into {@code parts}
     * equal parts along its first axis, of which part {@code part} (from 0) is this tensor.
     */
    public record Source(String key, int part, int parts, boolean transposed) {
        public static Source of(String key) {
            return new Source(key, 0, 1, false);
        }

        public String describe() {
            return "\"" + key + "\"" + (parts > 1 ? " part " + part + " of " + parts : "") + (transposed ? " transposed" : "");
        }
    }

    public Tensor {
        shape = List.copyOf(shape);
        if (role == null) role = Role.WEIGHT;
    }

    public Tensor(String path, List<Integer> shape, Range range) {
        this(path, shape, range, Role.WEIGHT, null, null);
    }

    /** This tensor's format: its own, else {@code modelDefault}. */
    public FixedFormat formatOr(FixedFormat modelDefault) {
        return format != null ? format : modelDefault;
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
