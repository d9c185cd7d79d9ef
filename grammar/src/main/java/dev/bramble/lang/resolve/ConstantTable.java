package dev.bramble.lang.resolve;

import dev.bramble.grammar.BrambleParser.AddExprContext;
import dev.bramble.grammar.BrambleParser.ConstantContext;
import dev.bramble.grammar.BrambleParser.ExprContext;
import dev.bramble.grammar.BrambleParser.IntExprContext;
import dev.bramble.grammar.BrambleParser.MulExprContext;
import dev.bramble.grammar.BrambleParser.ParenExprContext;
import dev.bramble.grammar.BrambleParser.RefExprContext;
import dev.bramble.lang.source.Codes;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.source.Range;
import dev.bramble.lang.model.Constant;
import dev.bramble.lang.model.Reference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A model's constants and the evaluator of its integer expressions. Constants may be used
 * before the line that defines them; each is evaluated once, on first use, and a cycle is an
 * error rather than a stack overflow.
 */
final class ConstantTable {
    private final Ranges ranges;
    private final List<Diagnostic> diagnostics;
    private final List<Reference> references;
    private final Map<String, ConstantContext> definitions = new LinkedHashMap<>();
    private final Map<String, OptionalLong> values = new HashMap<>();
    private final Set<String> evaluating = new HashSet<>();
    private int unknownNames;

    ConstantTable(Ranges ranges, List<Diagnostic> diagnostics, List<Reference> references) {
        this.ranges = ranges;
        this.diagnostics = diagnostics;
        this.references = references;
    }

    /** Registers a definition; a second one with the same name is reported and ignored. */
    void define(ConstantContext ctx) {
        if (!Ranges.present(ctx.name)) return;
        String name = ctx.name.getText();
        ConstantContext first = definitions.get(name);
        if (first != null) {
            diagnostics.add(Diagnostic.error(ranges.of(ctx.name), Codes.DUPLICATE_NAME,
                    "constant '" + name + "' is already defined on line " + (ranges.of(first.name).start().line() + 1)
                            + "; give this one another name"));
            return;
        }
        definitions.put(name, ctx);
    }

    /** Every defined constant with its value (unresolvable ones are left out). */
    List<Constant> resolveAll() {
        List<Constant> out = new ArrayList<>();
        for (Map.Entry<String, ConstantContext> e : definitions.entrySet()) {
            OptionalLong v = valueOf(e.getKey());
            if (v.isPresent()) {
                out.add(new Constant(e.getKey(), v.getAsLong(), ranges.of(e.getValue().name), ranges.of(e.getValue())));
            }
        }
        return out;
    }

    private OptionalLong valueOf(String name) {
        OptionalLong known = values.get(name);
        if (known != null) return known;
        ConstantContext ctx = definitions.get(name);
        if (ctx == null) return OptionalLong.empty();
        if (!evaluating.add(name)) {
            diagnostics.add(Diagnostic.error(ranges.of(ctx.name), Codes.BAD_EXPRESSION,
                    "constant '" + name + "' is defined in terms of itself; give it a value that does not refer back to it"));
            values.put(name, OptionalLong.empty());
            return OptionalLong.empty();
        }
        OptionalLong v = ctx.expr() == null ? OptionalLong.empty() : evaluate(ctx.expr());
        evaluating.remove(name);
        values.put(name, v);
        return v;
    }

    /** The value of an expression, or empty when it cannot be computed (already reported). */
    OptionalLong evaluate(ExprContext expr) {
        if (expr == null || expr.exception != null) return OptionalLong.empty();
        if (expr instanceof IntExprContext i) {
            if (!Ranges.present(i.INT().getSymbol())) return OptionalLong.empty();
            try {
                return OptionalLong.of(Long.parseLong(i.INT().getText()));
            } catch (NumberFormatException tooBig) {
                diagnostics.add(Diagnostic.error(ranges.of(i), Codes.BAD_EXPRESSION,
                        "the number " + i.INT().getText() + " is too large; sizes must fit in 63 bits"));
                return OptionalLong.empty();
            }
        }
        if (expr instanceof ParenExprContext p) return evaluate(p.expr());
        if (expr instanceof RefExprContext r) return reference(r);
        if (expr instanceof MulExprContext m) return arithmetic(m, m.left, m.op.getText(), m.right);
        if (expr instanceof AddExprContext a) return arithmetic(a, a.left, a.op.getText(), a.right);
        return OptionalLong.empty();
    }

    private OptionalLong reference(RefExprContext r) {
        if (!Ranges.present(r.IDENT().getSymbol())) return OptionalLong.empty();
        String name = r.IDENT().getText();
        Range range = ranges.of(r);
        ConstantContext definition = definitions.get(name);
        if (definition == null) {
            // Suggestions cost a pass over the constants each: past 100 unknown names, none (bounded work).
            List<String> suggestions = ++unknownNames > 100 ? List.of() : Names.closest(name, definitions.keySet(), 3);
            diagnostics.add(new Diagnostic(range, dev.bramble.lang.source.Severity.ERROR, Codes.UNKNOWN_NAME,
                    "unknown constant '" + name + "'" + Names.didYouMean(suggestions)
                            + (suggestions.isEmpty() ? "; define it in the model, e.g. '" + name + " = 16'" : ""),
                    Map.of("suggestions", suggestions)));
            return OptionalLong.empty();
        }
        references.add(new Reference(name, range, ranges.of(definition.name)));
        return valueOf(name);
    }

    private OptionalLong arithmetic(ExprContext whole, ExprContext left, String op, ExprContext right) {
        OptionalLong a = evaluate(left);
        OptionalLong b = evaluate(right);
        if (a.isEmpty() || b.isEmpty()) return OptionalLong.empty();
        long x = a.getAsLong();
        long y = b.getAsLong();
        try {
            return switch (op) {
                case "+" -> OptionalLong.of(Math.addExact(x, y));
                case "-" -> OptionalLong.of(Math.subtractExact(x, y));
                case "*" -> OptionalLong.of(Math.multiplyExact(x, y));
                default -> divide(whole, x, y);
            };
        } catch (ArithmeticException overflow) {
            diagnostics.add(Diagnostic.error(ranges.of(whole), Codes.BAD_EXPRESSION,
                    "this expression overflows 64-bit integers; sizes must be far smaller"));
            return OptionalLong.empty();
        }
    }

    private OptionalLong divide(ExprContext whole, long x, long y) {
        if (y == 0) {
            diagnostics.add(Diagnostic.error(ranges.of(whole), Codes.BAD_EXPRESSION, "division by zero"));
            return OptionalLong.empty();
        }
        if (x % y != 0) {
            diagnostics.add(Diagnostic.warning(ranges.of(whole), Codes.BAD_EXPRESSION,
                    x + " / " + y + " is not a whole number; it rounds down to " + (x / y)));
        }
        return OptionalLong.of(x / y);
    }
}
