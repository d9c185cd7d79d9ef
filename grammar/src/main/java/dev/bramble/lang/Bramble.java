package dev.bramble.lang;

import dev.bramble.grammar.BrambleLexer;
import dev.bramble.grammar.BrambleParser;
import dev.bramble.lang.resolve.DesignBuilder;
import dev.bramble.lang.resolve.SyntaxErrorCollector;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;

/** The language's one entry point: text in, resolved and validated {@link Design} out. */
public final class Bramble {
    private Bramble() {}

    /**
     * Parses, resolves and validates. Never throws on any input: every problem becomes a
     * diagnostic, and the parts of the file that do parse still resolve.
     */
    public static Design analyze(String sourceName, String text) {
        SourceText source = new SourceText(text);
        List<Diagnostic> diagnostics = new ArrayList<>();
        SyntaxErrorCollector errors = new SyntaxErrorCollector(source, diagnostics);

        BrambleLexer lexer = new BrambleLexer(CharStreams.fromString(text, sourceName));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        BrambleParser parser = new BrambleParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        BrambleParser.FileContext tree = parser.file();

        return new DesignBuilder(sourceName, source, diagnostics).build(tree);
    }
}
