package dev.bramble.plan;

/**
 * {@code count} multipliers of {@code a × b} bits in one unit. The estimator turns each into
 * DSP cells by the family's rule; the RTL must build exactly these (same widths) so Yosys maps
 * what the estimate says.
 */
public record Multiplier(String unit, int count, int a, int b, boolean signed) {
}
