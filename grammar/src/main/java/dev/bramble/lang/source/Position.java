package dev.bramble.lang.source;

/** A place in a document, 0-based, with the column counted in UTF-16 code units as LSP does. */
public record Position(int line, int character) implements Comparable<Position> {
    @Override
    public int compareTo(Position other) {
        return line != other.line ? Integer.compare(line, other.line) : Integer.compare(character, other.character);
    }
}
