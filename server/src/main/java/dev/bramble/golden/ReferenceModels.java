package dev.bramble.golden;

import dev.bramble.numerics.FixedMath;
import dev.bramble.lang.model.Model;
import dev.bramble.errors.UserError;
import dev.bramble.weights.ModelWeights;

/** Builds the two reference models: {@link #fixed} (bit-exact to numerics.md) and {@link #floating}. */
public final class ReferenceModels {
    private ReferenceModels() {}

    /** The fixed-point model: logits are {@code long[]} integers with the activation format's fraction bits. */
    public static Generator<long[]> fixed(ModelWeights weights) throws UserError {
        Model model = weights.model();
        int fa = model.activationFormat().fracBits();
        Interpreter<long[]> interpreter = new Interpreter<>(model, new FixedArithmetic(weights));
        return new Generator<>(interpreter,
                (z, t, r) -> FixedMath.sample(z, FixedMath.inverseTemperature(t), fa, r),
                (z, t, r) -> FixedMath.argmax(z));
    }

    /** The float model (microGPT's math in double). */
    public static Generator<double[]> floating(ModelWeights weights) {
        Interpreter<double[]> interpreter = new Interpreter<>(weights.model(), new FloatArithmetic(weights));
        return new Generator<>(interpreter, ReferenceModels::sampleFloat, (z, t, r) -> argmax(z));
    }

    /** Ties go to the lowest index, as in the fixed model. */
    public static int argmax(double[] z) {
        int best = 0;
        for (int i = 1; i < z.length; i++) if (z[i] > z[best]) best = i;
        return best;
    }

    /** softmax(z / T), then the smallest i whose cumulative weight exceeds r/2^32 of the total. */
    public static int sampleFloat(double[] z, double temperature, int r) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) max = Math.max(max, v);
        double[] e = new double[z.length];
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp((z[i] - max) / temperature);
            total += e[i];
        }
        double target = Integer.toUnsignedLong(r) * 0x1.0p-32 * total;
        double cumulative = 0;
        for (int i = 0; i < z.length; i++) {
            cumulative += e[i];
            if (cumulative > target) return i;
        }
        return z.length - 1;
    }
}
