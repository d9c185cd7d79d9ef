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
        // Tokens are in document order and do not overlap: binary search (a 2,000-line outline
        // asks once per layer; a linear scan made that quadratic, 45 ms of each keystroke).
        int i = firstAtOrAfter(p);
        // The token starting at p wins over the one ending there (the cursor is at a word's start).
        if (i < tokens.size() && tokens.get(i).range().start().equals(p)) return i;
        if (i > 0 && tokens.get(i - 1).range().contains(p)) return i - 1;
        return -1;
    }

    /** Index of the first token at or after {@code p}, or the size when none. */
    public int firstAtOrAfter(Position p) {
        int lo = 0, hi = tokens.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).range().start().compareTo(p) >= 0) hi = mid;
            else lo = mid + 1;
        }
        return lo;
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
