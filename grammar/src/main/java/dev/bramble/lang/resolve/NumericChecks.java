package dev.bramble.lang.resolve;

import dev.bramble.lang.source.Codes;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.model.FixedFormat;
import dev.bramble.lang.source.Range;
import java.util.List;

/** Checks on fixed-point formats, shared by {@code numeric} and {@code input}. */
final class NumericChecks {
    private NumericChecks() {}

    static boolean checkFormat(FixedFormat format, Range range, List<Diagnostic> diagnostics) {
        if (format.isLegal()) return true;
        String why = format.intBits() < 1
                ? "it needs at least 1 integer bit for the sign"
                : "it has " + format.totalBits() + " bits, and a format holds " + FixedFormat.MIN_BITS + " to "
                        + FixedFormat.MAX_BITS + " bits in total";
        diagnostics.add(Diagnostic.error(range, Codes.NUMERIC_RANGE, format + " is not a usable number format: " + why
                + " (qI.F: I integer bits including the sign, F fraction bits, e.g. q4.12)"));
        return false;
    }
}
