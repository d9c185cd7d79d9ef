package dev.bramble.lang.resolve;

import dev.bramble.grammar.BrambleParser.NumberContext;
import java.util.OptionalDouble;

/**
 * Reads a {@code number} rule's value. After error recovery a context may hold stray or
 * invented tokens, so its text is not trusted to be a number: anything else reads as absent
 * (the syntax error is already reported).
 */
final class NumberLiterals {
    private NumberLiterals() {}

    static OptionalDouble value(NumberContext ctx) {
        if (ctx == null || ctx.exception != null || ctx.getChildCount() != 1 || !Ranges.present(ctx.getStart())) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(ctx.getText()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
