package dev.bramble.weights;

import dev.bramble.lang.model.Tensor;
import dev.bramble.lang.source.Range;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code from "KEY" part I of N transposed}: slicing and transposition of checkpoint tensors (issue #16). */
class TensorFetchTest {
    static final Range R = Range.of(0, 0, 0, 1);

    static StoredTensor stored(String name, long[] shape, double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) b.putDouble(v);
        return new StoredTensor(name, DType.F64, shape, b.flip(), ByteOrder.LITTLE_ENDIAN, false);
    }

    static double[] iota(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = i * 0.5 - 3;
        return v;
    }

    /** For every fused [parts·rows, cols] tensor: the parts, fetched one by one, are its rows in order. */
    @Property(tries = 80)
    void partsConcatenateToTheFusedTensor(@ForAll @IntRange(min = 1, max = 5) int parts, @ForAll @IntRange(min = 1, max = 7) int rows,
                                          @ForAll @IntRange(min = 1, max = 7) int cols, @ForAll boolean transposed) {
        int n = parts * rows * cols;
        double[] fused = iota(n);
        // Stored as the file has it: transposed ([cols, parts·rows]) when the layer says 'transposed'.
        StoredTensor s = transposed
                ? stored("k.weight", new long[] {cols, (long) parts * rows}, TensorFetch.transpose(fused, parts * rows, cols))
                : stored("k.weight", new long[] {(long) parts * rows, cols}, fused);
        double[] joined = new double[0];
        for (int p = 0; p < parts; p++) {
            Tensor t = new Tensor("q" + p, List.of(rows, cols), R);
            TensorFetch.Result r = TensorFetch.fetch(t, new Tensor.Source("k", p, parts, transposed), Map.of("k.weight", s), "f.safetensors");
            assertTrue(r.ok(), r.problem());
            assertEquals("k.weight", r.key());
            double[] next = Arrays.copyOf(joined, joined.length + r.values().length);
            System.arraycopy(r.values(), 0, next, joined.length, r.values().length);
            joined = next;
        }
        assertArrayEquals(fused, joined);
    }

    /** Transposing twice is the identity, for every shape. */
    @Property(tries = 50)
    void transposeTwiceIsIdentity(@ForAll @IntRange(min = 1, max = 9) int rows, @ForAll @IntRange(min = 1, max = 9) int cols) {
        double[] v = iota(rows * cols);
        assertArrayEquals(v, TensorFetch.transpose(TensorFetch.transpose(v, rows, cols), cols, rows));
    }

    @Test
    void aFusedTensorThatDoesNotSplitEvenlyNamesItsKeyAndBothShapes() {
        StoredTensor s = stored("c_attn.bias", new long[] {95}, iota(95));
        TensorFetch.Result r = TensorFetch.fetch(new Tensor("h0.q.bias", List.of(32), R, Tensor.Role.BIAS, null, null),
                new Tensor.Source("c_attn", 0, 3, false), Map.of("c_attn.bias", s), "m.safetensors");
        assertFalse(r.ok());
        assertEquals(TensorFetch.Result.Kind.SHAPE, r.kind());
        assertTrue(r.problem().contains("'c_attn.bias' [95] in m.safetensors does not split evenly into 3 parts")
                && r.problem().contains("'h0.q.bias' needs [32]"), r.problem());
    }

    @Test
    void anUntransposedConv1DSaysToAddTransposedAndTheReverseToDropIt() {
        StoredTensor s = stored("fc.weight", new long[] {8, 4}, iota(32));   // [in 8, out 4] stored, linear [8 -> 4] wants [4, 8]
        Tensor t = new Tensor("fc", List.of(4, 8), R);
        TensorFetch.Result plain = TensorFetch.fetch(t, Tensor.Source.of("fc"), Map.of("fc.weight", s), "m.npz");
        assertTrue(plain.problem().contains("is [8, 4] in m.npz but 'fc' is declared [4, 8]") && plain.problem().contains("add 'transposed'"),
                plain.problem());
        StoredTensor right = stored("fc.weight", new long[] {4, 8}, iota(32));
        TensorFetch.Result extra = TensorFetch.fetch(t, new Tensor.Source("fc", 0, 1, true), Map.of("fc.weight", right), "m.npz");
        assertTrue(extra.problem().contains("drop 'transposed'"), extra.problem());
    }

    @Test
    void aMissingKeyNamesBothCandidatesAndNonFiniteValuesAreRefused() {
        Tensor t = new Tensor("ln.gain", List.of(4), R, Tensor.Role.GAIN, null, null);
        TensorFetch.Result missing = TensorFetch.fetch(t, Tensor.Source.of("h.0.ln_1"), Map.of(), "m.safetensors");
        assertEquals(TensorFetch.Result.Kind.MISSING, missing.kind());
        assertTrue(missing.problem().contains("'h.0.ln_1.weight' (nor 'h.0.ln_1') for 'ln.gain' [4] is not in m.safetensors"), missing.problem());
        StoredTensor nan = stored("h.0.ln_1.weight", new long[] {4}, new double[] {1, Double.NaN, 1, Double.POSITIVE_INFINITY});
        TensorFetch.Result bad = TensorFetch.fetch(t, Tensor.Source.of("h.0.ln_1"), Map.of("h.0.ln_1.weight", nan), "m.safetensors");
        assertEquals(TensorFetch.Result.Kind.NON_FINITE, bad.kind());
        assertTrue(bad.problem().contains("holds 2 non-finite values"), bad.problem());
    }
}
