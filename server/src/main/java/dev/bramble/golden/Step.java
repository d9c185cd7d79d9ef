package dev.bramble.golden;

/**
 * One position of a run: the token fed (−1 for a vector model), the logits that came out (the
 * back end's own vector: {@code long[]} integers for fixed point, {@code double[]} for float),
 * their real values, and the token chosen (−1 while a prompt is still being fed).
 */
public record Step<V>(int position, int fedToken, V logits, double[] logitValues, int chosen) {}
