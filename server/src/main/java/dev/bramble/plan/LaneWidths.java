package dev.bramble.plan;

/** A lane's multiplier operands ({@code a × b}, signed) and accumulator width. */
public record LaneWidths(int a, int b, int accumulator) {
}
