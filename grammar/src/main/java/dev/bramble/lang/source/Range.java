package dev.bramble.lang.source;

/** A half-open span of a document: {@code start} inclusive, {@code end} exclusive. */
public record Range(Position start, Position end) {
    public static Range of(int startLine, int startCharacter, int endLine, int endCharacter) {
        return new Range(new Position(startLine, startCharacter), new Position(endLine, endCharacter));
    }

    public boolean contains(Position p) {
        return start.compareTo(p) <= 0 && p.compareTo(end) <= 0;
    }

    @Override
    public String toString() {
        return start.line() + ":" + start.character() + "-" + end.line() + ":" + end.character();
    }
}
