package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;

/** A use of a name in an expression and the definition it resolves to (for go-to and rename). */
public record Reference(String name, Range range, Range definition) {}
