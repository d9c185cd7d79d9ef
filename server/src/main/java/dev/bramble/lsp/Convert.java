package dev.bramble.lsp;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/** The language layer's positions are already LSP-shaped (0-based, UTF-16); this only changes the type. */
public final class Convert {
    private Convert() {}

    public static Range range(dev.bramble.lang.Range r) {
        return new Range(position(r.start()), position(r.end()));
    }

    public static Position position(dev.bramble.lang.Position p) {
        return new Position(p.line(), p.character());
    }

    public static dev.bramble.lang.Position position(Position p) {
        return new dev.bramble.lang.Position(p.getLine(), p.getCharacter());
    }
}
