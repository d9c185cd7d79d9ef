package dev.bramble.lang.resolve;

import dev.bramble.grammar.BrambleLexer;
import dev.bramble.lang.source.Codes;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.source.Limits;
import dev.bramble.lang.source.SourceText;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;

/**
 * Runs between the lexer and the parser and keeps the recursion of the parser and the resolver
 * bounded: what a bracket nested deeper than {@link Limits#MAX_NESTING} encloses is left out
 * (the pair stays, so {@code residual { }} still parses), and the operators of an expression past
 * {@link Limits#MAX_OPERATORS} are left out with their operands; each cut is reported once. The
 * parser then sees a shallow file, so the rest of the file still resolves. Iterative: no input
 * can overflow the stack here.
 */
public final class TokenGuard {
    /** Tokens the guard leaves out go to this channel (the parser reads channel 0 only). */
    public static final int CUT_CHANNEL = 3;

    private TokenGuard() {}

    /** The tokens the parser should see (the lexer's, minus the cut ones), plus diagnostics for each cut. */
    public static List<Token> guard(List<? extends Token> tokens, SourceText source, List<Diagnostic> diagnostics) {
        Ranges ranges = new Ranges(source);
        List<Token> visible = new ArrayList<>();
        for (Token t : tokens) if (t.getChannel() == Token.DEFAULT_CHANNEL) visible.add(t);
        boolean[] cut = new boolean[visible.size()];

        // Nesting: depth counts every open bracket; an opener past the limit is cut with all it encloses.
        int depth = 0;
        boolean nestingReported = false;
        for (int i = 0; i < visible.size(); i++) {
            int type = visible.get(i).getType();
            if (isOpen(type)) {
                if (depth >= Limits.MAX_NESTING) {
                    // Keep the bracket pair, cut what it encloses: 'residual { }' still parses.
                    int end = partner(visible, i);
                    int lastCut = isClose(visible.get(end).getType()) && end > i ? end - 1 : end;
                    for (int j = i + 1; j <= lastCut; j++) cut[j] = true;
                    if (!nestingReported) {
                        nestingReported = true;
                        diagnostics.add(Diagnostic.error(ranges.of(visible.get(i)), Codes.NESTING_DEPTH, "'"
                                + visible.get(i).getText() + "' is nested more than " + Limits.MAX_NESTING
                                + " levels deep (blocks, residuals, attention, brackets and parentheses count);"
                                + " what it encloses is ignored. Flatten it: repeat a block with 'block NAME[0..N]' instead of nesting"));
                    }
                    i = end;
                    continue;
                }
                depth++;
            } else if (isClose(type) && depth > 0) {
                depth--;
            }
        }

        // Long expressions: past the limit, each operator is cut with its operand (a number, a name
        // or a parenthesised group).
        int operators = 0;
        boolean expressionReported = false;
        for (int i = 0; i < visible.size(); i++) {
            if (cut[i]) continue;
            int type = visible.get(i).getType();
            if (isOperator(type)) {
                if (++operators > Limits.MAX_OPERATORS) {
                    if (!expressionReported) {
                        expressionReported = true;
                        diagnostics.add(Diagnostic.error(ranges.of(visible.get(i)), Codes.EXPRESSION_SIZE,
                                "this expression has more than " + Limits.MAX_OPERATORS
                                        + " operators; the rest is ignored. Name parts of it as constants"));
                    }
                    cut[i] = true;
                    int j = i + 1;
                    if (j < visible.size() && visible.get(j).getType() == BrambleLexer.LPAREN) {
                        int end = partner(visible, j);
                        for (int k = j; k <= end; k++) cut[k] = true;
                        i = end;
                    } else if (j < visible.size() && isOperand(visible.get(j).getType())) {
                        cut[j] = true;
                        i = j;
                    }
                }
            } else if (!isOperand(type) && !isOpen(type) && !isClose(type)) {
                operators = 0;
            }
        }

        if (!nestingReported && !expressionReported) return visible;
        List<Token> kept = new ArrayList<>(visible.size());
        for (int i = 0; i < visible.size(); i++) {
            if (cut[i]) {
                if (visible.get(i) instanceof WritableToken w) w.setChannel(CUT_CHANNEL);
            } else {
                kept.add(visible.get(i));
            }
        }
        return kept;
    }

    /** The index of the bracket that closes the one at {@code open} (any kind), or the last index. */
    private static int partner(List<Token> tokens, int open) {
        int depth = 0;
        for (int j = open; j < tokens.size(); j++) {
            int type = tokens.get(j).getType();
            if (isOpen(type)) depth++;
            else if (isClose(type) && --depth == 0) return j;
        }
        return tokens.size() - 1;
    }

    private static boolean isOpen(int type) {
        return type == BrambleLexer.LBRACE || type == BrambleLexer.LBRACK || type == BrambleLexer.LPAREN;
    }

    private static boolean isClose(int type) {
        return type == BrambleLexer.RBRACE || type == BrambleLexer.RBRACK || type == BrambleLexer.RPAREN;
    }

    private static boolean isOperator(int type) {
        return type == BrambleLexer.PLUS || type == BrambleLexer.MINUS || type == BrambleLexer.STAR
                || type == BrambleLexer.SLASH;
    }

    private static boolean isOperand(int type) {
        return type == BrambleLexer.INT || type == BrambleLexer.IDENT;
    }
}
