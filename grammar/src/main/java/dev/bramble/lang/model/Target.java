package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;

/**
 * A target block: the part and how to build for it. A target names its part with
 * {@code device PART} or with {@code board NAME}; for a board, {@code board} holds the name
 * and {@code device} holds it too (the catalogue finds a board's part by the board's name). Missing fields are null/0 and reported by
 * the validator; ranges point at the field's line (for diagnostics and fixes).
 */
public record Target(String name, Range nameRange, Range range,
                     String device, Range deviceRange, Range deviceNameRange,
                     double clockMHz, Range clockRange,
                     int lanes, Range lanesRange,
                     Storage storage, Range storageRange,
                     int budgetPercent, Range budgetRange,
                     String board, Range boardRange,
                     int baud, Range baudRange) {

    public static final int DEFAULT_BUDGET_PERCENT = 80;
    /** The serial line's rate of a board top when the target states none ({@code baud N}). */
    public static final int DEFAULT_BAUD = 115_200;
}
