package dev.bramble.cli;

import dev.bramble.lang.source.Diagnostic;

/** A diagnostic together with the file it belongs to, for printing. */
record FileDiagnostic(String file, Diagnostic diagnostic) {}
