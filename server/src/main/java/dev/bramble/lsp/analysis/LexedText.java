package dev.bramble.lsp.analysis;

import dev.bramble.grammar.BrambleLexer;
import dev.bramble.lang.source.Position;
import dev.bramble.lang.source.Range;
import dev.bramble.lang.source.SourceText;
import dev.bramble.lang.resolve.Ranges;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The document's tokens (comments included) with LSP ranges. Features that work on the surface
 * of the text (semantic tokens, formatting, completion context, finding a layer's name) read
 * this instead of the parse tree, so they keep working while the file has syntax errors.
 */
public final class LexedText {
    /** One token: its ANTLR type, text and LSP range. */
    public record Tok(int type, String text, Range range) {
        public boolean isComment() {
            return type == BrambleLexer.LINE_COMMENT || type == BrambleLexer.BLOCK_COMMENT;
        }
    }

    private final List<Tok> tokens = new ArrayList<>();   // without whitespace

    public LexedText(SourceText source) {
        BrambleLexer lexer = new BrambleLexer(CharStreams.fromString(source.text()));
        lexer.removeErrorListeners();
        Ranges ranges = new Ranges(source);
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getType() == BrambleLexer.WS) continue;
            tokens.add(new Tok(t.getType(), t.getText(), ranges.of(t)));
        }
    }

    public List<Tok> tokens() {
        return tokens;
    }

    /** Index of the token containing {@code p} (its end included, so a cursor just after a word finds it), or -1. */
    public int indexAt(Position p) {
        for (int i = 0; i < tokens.size(); i++) {
            Range r = tokens.get(i).range();
            if (r.contains(p) && !(r.end().equals(p) && i + 1 < tokens.size() && tokens.get(i + 1).range().start().equals(p))) {
                return i;
            }
            if (r.start().compareTo(p) > 0) return -1;
        }
        return -1;
    }

    /** Index of the first token at or after {@code p}, or the size when none. */
    public int firstAtOrAfter(Position p) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).range().start().compareTo(p) >= 0) return i;
        }
        return tokens.size();
    }

    /** The first identifier after the layer keyword that starts at {@code start}: a named layer's name. */
    public Tok nameAfter(Position start) {
        int i = firstAtOrAfter(start);
        if (i + 1 < tokens.size() && tokens.get(i + 1).type() == BrambleLexer.IDENT) return tokens.get(i + 1);
        return null;
    }

    public static boolean isKeyword(int type) {
        return type >= BrambleLexer.MODEL && type <= BrambleLexer.GHZ;
    }
}
