package dev.bramble.lsp;

import dev.bramble.lsp.analysis.Convert;
import dev.bramble.lang.source.SourceText;
import java.util.List;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/** Applies {@code didChange} events (incremental or whole-text) in the order the client sent them. */
final class TextEdits {
    private TextEdits() {}

    static String apply(String text, List<TextDocumentContentChangeEvent> changes) {
        for (TextDocumentContentChangeEvent change : changes) {
            if (change.getRange() == null) {
                text = change.getText();
            } else {
                SourceText source = new SourceText(text);
                int start = source.offsetAt(Convert.position(change.getRange().getStart()));
                int end = source.offsetAt(Convert.position(change.getRange().getEnd()));
                text = text.substring(0, start) + change.getText() + text.substring(Math.max(start, end));
            }
        }
        return text;
    }
}
