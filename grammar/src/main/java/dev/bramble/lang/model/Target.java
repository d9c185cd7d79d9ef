package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;

/**
 * A target block: the part and how to build for it. Missing fields are null/0 and reported by
 * the validator; ranges point at the field's line (for diagnostics and fixes).
 */
public record Target(String name, Range nameRange, Range range,
                     String device, Range deviceRange, Range deviceNameRange,
                     double clockMHz, Range clockRange,
                     int lanes, Range lanesRange,
                     Storage storage, Range storageRange,
                     int budgetPercent, Range budgetRange) {

    public static final int DEFAULT_BUDGET_PERCENT = 80;
}
