package dev.bramble.weights;

import dev.bramble.lang.model.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One declared tensor taken from a checkpoint: found under its key (the module key plus
 * {@code .weight}/{@code .bias}, or the key itself), transposed when asked (HF Conv1D), cut to
 * its part of a fused tensor (c_attn → q, k, v), and checked against the declared shape and for
 * non-finite values. Every failure says the key, both shapes and what to do.
 */
public final class TensorFetch {
    private TensorFetch() {}

    /** The values (row-major, declared shape) and the key they came from; or what is wrong. */
    public record Result(double[] values, String key, String problem, Kind kind) {
        public enum Kind { OK, MISSING, SHAPE, NON_FINITE }

        public boolean ok() {
            return problem == null;
        }
    }

    /** The keys a tensor may be stored under, first match wins. */
    public static List<String> candidates(Tensor t, Tensor.Source source) {
        if (source == null) return List.of(t.path());
        String suffixed = source.key() + "." + t.role().suffix();
        return t.role() == Tensor.Role.BIAS ? List.of(suffixed) : List.of(suffixed, source.key());
    }

    public static Result fetch(Tensor t, Tensor.Source source, Map<String, StoredTensor> stored, String fileName) {
        List<String> keys = candidates(t, source);
        StoredTensor s = null;
        for (String k : keys) {
            s = stored.get(k);
            if (s != null) break;
        }
        String declared = t.shape().toString();
        if (s == null) {
            String tried = keys.size() == 1 ? "'" + keys.get(0) + "'" : "'" + keys.get(0) + "' (nor '" + keys.get(1) + "')";
            return new Result(null, keys.get(0), "tensor " + tried + " for '" + t.path() + "' " + declared + " is not in " + fileName
                    + (source == null ? "" : "; check the key ('from' or the 'keys' layout, docs/import.md)"), Result.Kind.MISSING);
        }
        String key = s.name();
        long[] shape = s.shape();
        double[] values = s.values();
        String how = "";
        if (source != null && source.transposed() && shape.length == 2) {
            values = transpose(values, (int) shape[0], (int) shape[1]);
            shape = new long[] {shape[1], shape[0]};
            how = ", transposed " + Arrays.toString(shape);
        }
        if (source != null && source.parts() > 1) {
            if (shape.length == 0 || shape[0] % source.parts() != 0) {
                return new Result(null, key, "tensor '" + key + "' " + s.shapeText() + how + " in " + fileName + " does not split evenly into "
                        + source.parts() + " parts along its first axis (" + (shape.length == 0 ? 0 : shape[0]) + " rows); '" + t.path()
                        + "' needs " + declared, Result.Kind.SHAPE);
            }
            long rows = shape[0] / source.parts();
            long rowSize = 1;
            for (int d = 1; d < shape.length; d++) rowSize *= shape[d];
            int from = (int) (source.part() * rows * rowSize);
            values = Arrays.copyOfRange(values, from, from + (int) (rows * rowSize));
            shape = shape.clone();
            shape[0] = rows;
            how += ", part " + source.part() + " of " + source.parts() + " " + Arrays.toString(shape);
        }
        if (!ModelWeights.sameShape(t.shape(), shape)) {
            String hint = "";
            if (shape.length == 2 && t.shape().size() == 2 && shape[0] == t.shape().get(1) && shape[1] == t.shape().get(0)) {
                hint = source != null && source.transposed()
                        ? "; it is stored [out, in] already: drop 'transposed'"
                        : "; it looks stored [in, out] (a Hugging Face Conv1D): add 'transposed' to the layer's 'from'";
            }
            return new Result(null, key, "tensor '" + key + "' is " + s.shapeText() + how + " in " + fileName + " but '" + t.path()
                    + "' is declared " + declared + hint, Result.Kind.SHAPE);
        }
        int bad = 0;
        for (double v : values) if (!Double.isFinite(v)) bad++;
        if (bad > 0) {
            return new Result(null, key, "tensor '" + key + "' in " + fileName + " holds " + bad + " non-finite value" + (bad == 1 ? "" : "s")
                    + " (NaN or infinity); the training diverged or the file is damaged: export the checkpoint again", Result.Kind.NON_FINITE);
        }
        return new Result(values, key, null, Result.Kind.OK);
    }

    static double[] transpose(double[] v, int rows, int cols) {
        double[] out = new double[v.length];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) out[j * rows + i] = v[i * cols + j];
        return out;
    }
}
