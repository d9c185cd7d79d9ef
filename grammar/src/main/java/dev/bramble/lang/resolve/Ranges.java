package dev.bramble.lang.resolve;

import dev.bramble.lang.source.Position;
import dev.bramble.lang.source.Range;
import dev.bramble.lang.source.SourceText;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Turns ANTLR tokens and contexts (code-point offsets) into LSP ranges (UTF-16 columns). */
public final class Ranges {
    private final SourceText source;

    public Ranges(SourceText source) {
        this.source = source;
    }

    /** True for a real token; false for null or one the parser invented while recovering. */
    public static boolean present(Token token) {
        return token != null && token.getTokenIndex() >= 0 && token.getType() != Token.EOF;
    }

    public Range of(Token token) {
        if (token == null) return Range.of(0, 0, 0, 0);
        int start = source.utf16Offset(token.getStartIndex());
        int end = token.getStopIndex() >= token.getStartIndex() ? source.utf16Offset(token.getStopIndex() + 1) : start;
        return new Range(source.positionAt(start), source.positionAt(end));
    }

    public Range of(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop();
        if (stop == null || stop.getTokenIndex() < start.getTokenIndex() || stop.getType() == Token.EOF) {
            Range r = of(start);
            return stop == null || stop.getType() == Token.EOF ? r : new Range(r.start(), r.start());
        }
        return span(start, stop);
    }

    public Range span(Token first, Token last) {
        return new Range(of(first).start(), of(last).end());
    }

    public Range span(ParserRuleContext first, ParserRuleContext last) {
        return new Range(of(first).start(), of(last).end());
    }

    public Position endOfText() {
        return source.positionAt(source.text().length());
    }
}
