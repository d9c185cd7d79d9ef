package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;

/** {@code dim = 16}: a named integer. {@code nameRange} is where it is defined. */
public record Constant(String name, long value, Range nameRange, Range range) {}
