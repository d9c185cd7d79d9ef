package dev.bramble.lsp.analysis;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/** The language layer's positions are already LSP-shaped (0-based, UTF-16); this only changes the type. */
public final class Convert {
    private Convert() {}

    public static Range range(dev.bramble.lang.source.Range r) {
        return new Range(position(r.start()), position(r.end()));
    }

    public static Position position(dev.bramble.lang.source.Position p) {
        return new Position(p.line(), p.character());
    }

    public static dev.bramble.lang.source.Position position(Position p) {
        return new dev.bramble.lang.source.Position(p.getLine(), p.getCharacter());
    }
}
