package dev.bramble.lang;

import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Limits;
import dev.bramble.lang.source.Codes;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.source.SourceText;
import dev.bramble.lang.source.Position;
import dev.bramble.lang.source.Range;
import dev.bramble.grammar.BrambleLexer;
import dev.bramble.grammar.BrambleParser;
import dev.bramble.lang.resolve.DesignBuilder;
import dev.bramble.lang.resolve.SyntaxErrorCollector;
import dev.bramble.lang.resolve.TokenGuard;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;

/** The language's one entry point: text in, resolved and validated {@link Design} out. */
public final class Bramble {
    private Bramble() {}

    /**
     * Parses, resolves and validates. Never throws on any input: every problem becomes a
     * diagnostic, and the parts of the file that do parse still resolve. Work and memory are
     * bounded by {@link Limits}; should the analysis fail all the same (a bug), the result is a
     * design without models and one {@code internal} diagnostic at the top of the file.
     */
    public static Design analyze(String sourceName, String text) {
        SourceText source = new SourceText(text);
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (text.length() > Limits.MAX_CHARS) {
            diagnostics.add(Diagnostic.error(Range.of(0, 0, 0, 0), Codes.TOO_LARGE, "this file has " + text.length()
                    + " characters, more than the " + Limits.MAX_CHARS + " Bramble reads; a model description is a few"
                    + " kilobytes. Is this the right file?"));
            return empty(sourceName, source, diagnostics);
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            Position at = source.positionAt(nul);
            diagnostics.add(Diagnostic.error(new Range(at, at), Codes.NOT_TEXT, "this file holds a NUL character (line "
                    + (at.line() + 1) + "): it is binary, not a model description. Is this the right file?"));
            return empty(sourceName, source, diagnostics);
        }
        try {
            SyntaxErrorCollector errors = new SyntaxErrorCollector(source, diagnostics);
            BrambleLexer lexer = new BrambleLexer(CharStreams.fromString(text, sourceName));
            lexer.removeErrorListeners();
            lexer.addErrorListener(errors);
            List<? extends Token> lexed = lexer.getAllTokens();
            List<Token> tokens = TokenGuard.guard(lexed, source, diagnostics);
            ListTokenSource tokenSource = new ListTokenSource(tokens, sourceName);
            tokenSource.setTokenFactory(lexer.getTokenFactory());
            BrambleParser parser = new BrambleParser(new CommonTokenStream(tokenSource));
            parser.removeErrorListeners();
            parser.addErrorListener(errors);
            BrambleParser.FileContext tree = parser.file();
            return new DesignBuilder(sourceName, source, diagnostics).build(tree);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // The limits should make this unreachable; if not, the editor still gets an answer.
            List<Diagnostic> failed = new ArrayList<>();
            failed.add(Limits.internal("analysing " + sourceName, e));
            return empty(sourceName, source, failed);
        }
    }

    private static Design empty(String sourceName, SourceText source, List<Diagnostic> diagnostics) {
        return new Design(sourceName, source, List.of(), List.of(), diagnostics, List.of());
    }
}
