package dev.bramble.lsp;

import dev.bramble.lsp.analysis.Settings;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import dev.bramble.lang.source.Position;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * Test helpers in lemminx's style: the input text carries a {@code |} where the cursor is, and
 * expectations are one line each ({@code r(1, 4, 1, 7)}, {@code "dim = 16"}).
 */
public final class LspAssert {
    /** Beside the microGPT example, so its relative weights path resolves as it does for a user. */
    public static final String URI = java.nio.file.Path.of("..", "examples", "microgpt", "test.bramble")
            .toAbsolutePath().normalize().toUri().toString();
    public static final CancelChecker NEVER = () -> {};

    private LspAssert() {}

    /** A document with a cursor: the text without the {@code |} and where it was. */
    public record Cursor(DocumentAnalysis analysis, Position position) {}

    public static Cursor cursor(String textWithBar) {
        int bar = textWithBar.indexOf('|');
        if (bar < 0) throw new IllegalArgumentException("test input needs a | cursor marker");
        String text = textWithBar.substring(0, bar) + textWithBar.substring(bar + 1);
        DocumentAnalysis analysis = analyze(text);
        return new Cursor(analysis, analysis.source().positionAt(bar));
    }

    public static DocumentAnalysis analyze(String text) {
        return DocumentAnalysis.analyze(URI, 1, text, Settings.DEFAULT);
    }

    public static Range r(int startLine, int startChar, int endLine, int endChar) {
        return new Range(new org.eclipse.lsp4j.Position(startLine, startChar), new org.eclipse.lsp4j.Position(endLine, endChar));
    }

    public static String show(Range r) {
        return "r(" + r.getStart().getLine() + ", " + r.getStart().getCharacter() + ", " + r.getEnd().getLine() + ", "
                + r.getEnd().getCharacter() + ")";
    }

    /** The example designs in the repository (tests run in server/, examples live beside it). */
    /**
     * An example's text up to the end of its first target (the examples may add board targets
     * after it): for tests about one target's diagnostics and fixes.
     */
    public static String exampleFirstTarget(String name) {
        String text = example(name);
        int target = text.indexOf("\ntarget ");
        if (target < 0) return text;
        int end = text.indexOf("\n}", target);
        return text.substring(0, end + 2) + "\n";
    }

    /** {@code text} with one edit applied (its range in lines and UTF-16 columns, as LSP counts them). */
    public static String apply(String text, org.eclipse.lsp4j.TextEdit edit) {
        return text.substring(0, offset(text, edit.getRange().getStart())) + edit.getNewText()
                + text.substring(offset(text, edit.getRange().getEnd()));
    }

    private static int offset(String text, org.eclipse.lsp4j.Position p) {
        int at = 0;
        for (int line = 0; line < p.getLine(); line++) at = text.indexOf('\n', at) + 1;
        return at + p.getCharacter();
    }

    public static String example(String name) {
        Path path = Path.of("..", "examples", name, name + ".bramble");
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("example " + path.toAbsolutePath() + " is missing", e);
        }
    }

    /** microGPT with a {@code |} inserted before the first occurrence of {@code marker}. */
    public static String microgptWithCursorBefore(String marker) {
        String text = example("microgpt");
        int at = text.indexOf(marker);
        if (at < 0) throw new IllegalArgumentException("'" + marker + "' is not in microgpt.bramble");
        return text.substring(0, at) + "|" + text.substring(at);
    }
}
