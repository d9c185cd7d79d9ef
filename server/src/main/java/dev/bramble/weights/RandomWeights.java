package dev.bramble.weights;

import dev.bramble.lang.model.Tensor;

import java.nio.charset.StandardCharsets;

/**
 * {@code weights random seed N}: Gaussian weights, mean 0, standard deviation 0.08 (microGPT's
 * initialisation), the same on every machine.
 *
 * <p>Generator, per tensor: a SplitMix64 stream seeded with {@code N XOR fnv1a64(path)} (the
 * tensor's path as UTF-8), so a tensor's values do not depend on the other tensors. Each value
 * takes two 64-bit outputs {@code a, b}; {@code u1 = (a >>> 11)·2^-53}, {@code u2 = (b >>> 11)·2^-53};
 * value = {@code 0.08 · sqrt(-2 ln(1 - u1)) · cos(2π u2)} (Box–Muller, StrictMath), row-major; a norm's
 * gain adds 1.
 */
public final class RandomWeights {
    public static final double STD = 0.08;

    private RandomWeights() {}

    public static double[] generate(Tensor tensor, long seed) {
        long state = seed ^ fnv1a64(tensor.path());
        double[] values = new double[(int) tensor.elements()];
        for (int i = 0; i < values.length; i++) {
            state += 0x9E3779B97F4A7C15L;
            double u1 = (mix(state) >>> 11) * 0x1.0p-53;
            state += 0x9E3779B97F4A7C15L;
            double u2 = (mix(state) >>> 11) * 0x1.0p-53;
            values[i] = STD * StrictMath.sqrt(-2 * StrictMath.log(1 - u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
            if (tensor.role() == Tensor.Role.GAIN) values[i] += 1;   // a norm's gain starts near 1, as PyTorch's does
        }
        return values;
    }

    /** SplitMix64's output function. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long fnv1a64(String text) {
        long h = 0xCBF29CE484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return h;
    }
}
