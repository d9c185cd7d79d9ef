package dev.bramble.train;

import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Tensor;
import dev.bramble.weights.ModelWeights;
import dev.bramble.weights.RandomWeights;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every weight of a model in one flat array (and its gradients in another), tensor after
 * tensor in the model's order; each tensor row-major as stored (a linear's [out, in]).
 * Flat arrays keep the optimizer a single loop and the inner loops free of indirection.
 */
public final class Parameters {
    /** One tensor's place in the flat arrays. */
    public record Slot(String path, List<Integer> shape, int offset, int size) {}

    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    final double[] values;
    final double[] grads;

    Parameters(Model model) {
        int offset = 0;
        for (Tensor t : model.tensors()) {
            long n = t.elements();
            if (offset + n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("model has more than 2^31 weights");
            }
            slots.put(t.path(), new Slot(t.path(), t.shape(), offset, (int) n));
            tensors.put(t.path(), t);
            offset += (int) n;
        }
        values = new double[offset];
        grads = new double[offset];
    }

    public int count() {
        return values.length;
    }

    /** Tensors in the model's order. */
    public List<Slot> slots() {
        return Collections.unmodifiableList(new ArrayList<>(slots.values()));
    }

    public Slot slot(String path) {
        Slot s = slots.get(path);
        if (s == null) throw new IllegalArgumentException("no tensor " + path);
        return s;
    }

    /** The live weight array (changes as training runs); callers must not keep it past a step. */
    public double[] values() {
        return values;
    }

    public double[] grads() {
        return grads;
    }

    /** A copy of one tensor's values. */
    public double[] tensor(String path) {
        Slot s = slot(path);
        double[] out = new double[s.size()];
        System.arraycopy(values, s.offset(), out, 0, s.size());
        return out;
    }

    public void setTensor(String path, double[] data) {
        Slot s = slot(path);
        if (data.length != s.size()) {
            throw new IllegalArgumentException(path + " has " + s.size() + " values, got " + data.length);
        }
        System.arraycopy(data, 0, values, s.offset(), s.size());
    }

    /**
     * The initial weights of training with seed {@code seed}: exactly what {@code weights random
     * seed N} gives the reference model ({@link RandomWeights}: Gaussian, std 0.08, microGPT's
     * initialisation), so an untrained network and the reference model agree.
     */
    public void initializeRandom(long seed) {
        for (Slot s : slots.values()) {
            double[] v = RandomWeights.generate(tensors.get(s.path()), seed);
            System.arraycopy(v, 0, values, s.offset(), s.size());
        }
    }

    /** Copies every tensor from loaded weights (to continue training, or to compare with the reference model). */
    public void load(ModelWeights weights) {
        for (Slot s : slots.values()) setTensor(s.path(), weights.values(s.path()));
    }

    /** Rounds every weight to the nearest float, so what is evaluated is what a F32 file holds. */
    public void roundToFloat() {
        for (int i = 0; i < values.length; i++) values[i] = (float) values[i];
    }

    void clearGrads() {
        java.util.Arrays.fill(grads, 0.0);
    }
}
