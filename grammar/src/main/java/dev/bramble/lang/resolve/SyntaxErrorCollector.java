package dev.bramble.lang.resolve;

import dev.bramble.lang.source.Codes;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.source.Range;
import dev.bramble.lang.source.SourceText;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Collects every syntax error the recovering parser meets, with ANTLR's wording turned into
 * something a person reads: token names become words, and the offending text is quoted.
 */
public final class SyntaxErrorCollector extends BaseErrorListener {
    private final Ranges ranges;
    private final List<Diagnostic> diagnostics;
    private int reported;

    public SyntaxErrorCollector(SourceText source, List<Diagnostic> diagnostics) {
        this.ranges = new Ranges(source);
        this.diagnostics = diagnostics;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                            String msg, RecognitionException e) {
        // Far more than are ever listed (Limits.capped), but bounded: a pasted binary makes one per character.
        if (++reported > 10 * dev.bramble.lang.source.Limits.MAX_DIAGNOSTICS) return;
        Range range;
        if (offendingSymbol instanceof Token token) {
            range = token.getType() == Token.EOF ? new Range(ranges.endOfText(), ranges.endOfText()) : ranges.of(token);
        } else {
            range = Range.of(line - 1, column, line - 1, column + 1);
        }
        diagnostics.add(Diagnostic.error(range, Codes.SYNTAX, humanize(msg)));
    }

    static String humanize(String antlrMessage) {
        String m = antlrMessage
                .replace("'<EOF>'", "the end of the file")
                .replace("<EOF>", "the end of the file");
        m = m.replaceAll("^mismatched input '(.*)' expecting (.*)$", "unexpected '$1', expected $2");
        m = m.replaceAll("^extraneous input '(.*)' expecting (.*)$", "unexpected '$1', expected $2");
        m = m.replaceAll("^missing (.*) at '(.*)'$", "missing $1 before '$2'");
        m = m.replaceAll("^no viable alternative at input '(.*)'$", "cannot make sense of '$1' here");
        m = m.replaceAll("^token recognition error at: '(.*)'$", "unexpected character '$1'");
        m = m.replaceAll("expected \\{(.*)\\}", "expected one of $1");
        return m.replace("IDENT", "a name")
                .replace("QFORMAT", "a number format such as q4.12")
                .replace("DECIMAL", "a decimal number")
                .replace("INT", "a whole number")
                .replace("STRING", "a quoted string")
                .replace("UNKNOWN_CHAR", "a stray character")
                .replace("'\n'", "a line break");
    }
}
