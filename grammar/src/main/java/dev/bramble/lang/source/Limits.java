package dev.bramble.lang.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Bounds on everything whose cost grows with what the user types, so that no input (a huge
 * number, a deep nesting, a pasted binary) can make the analysis run out of memory, overflow
 * its stack or take seconds. Each bound, when passed, becomes a diagnostic that says what to do.
 */
public final class Limits {
    private Limits() {}

    /** Characters in one file; a hand-written description is a few kilobytes. */
    public static final int MAX_CHARS = 1 << 20;
    /** Nesting of { [ ( in one file (blocks, residuals, attention, brackets and parentheses together). */
    public static final int MAX_NESTING = 64;
    /** Operators in one expression. */
    public static final int MAX_OPERATORS = 1000;
    /** Copies one {@code block NAME[A..B]} may expand to. */
    public static final int MAX_REPEAT = 256;
    /** Layers one model may expand to, block copies included. */
    public static final int MAX_LAYERS = 4096;
    /**
     * Parameters one model may have: 2^28, far past the on-chip memory of any FPGA (the largest
     * hold a few hundred Mbit), and the most the reference model runs. Above it sizes would
     * overflow the planner's arithmetic; the model is reported instead of planned.
     */
    public static final long MAX_PARAMETERS = 1L << 28;
    /** Diagnostics listed for one file; the rest are summarised by one {@code too-many-diagnostics}. */
    public static final int MAX_DIAGNOSTICS = 500;

    /**
     * The first {@link #MAX_DIAGNOSTICS} of {@code sorted} and, when there were more, one warning
     * in place of the rest (at the first one left out).
     */
    public static List<Diagnostic> capped(List<Diagnostic> sorted) {
        if (sorted.size() <= MAX_DIAGNOSTICS) return sorted;
        List<Diagnostic> out = new ArrayList<>(sorted.subList(0, MAX_DIAGNOSTICS));
        Diagnostic first = sorted.get(MAX_DIAGNOSTICS);
        out.add(Diagnostic.warning(first.range(), Codes.TOO_MANY_DIAGNOSTICS, (sorted.size() - MAX_DIAGNOSTICS)
                + " more problems are not listed (at most " + MAX_DIAGNOSTICS + " are); fix the ones above first"));
        return out;
    }

    /** The diagnostic that stands for an analysis that failed: at the top of the file, saying what to report. */
    public static Diagnostic internal(String what, Throwable cause) {
        String reason = cause instanceof StackOverflowError ? "the analysis ran out of stack"
                : cause instanceof OutOfMemoryError ? "the analysis ran out of memory"
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage()));
        return Diagnostic.error(Range.of(0, 0, 0, 0), Codes.INTERNAL, "internal error in Bramble while " + what
                + " (" + reason + "); this is a bug, please report it with this file attached");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
