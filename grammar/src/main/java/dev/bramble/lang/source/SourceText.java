package dev.bramble.lang.source;

import java.util.Arrays;

/**
 * The text of a document with fast conversion from offsets to LSP positions.
 * ANTLR counts code points; LSP counts UTF-16 units. Both conversions live here, once.
 * Line breaks are {@code \n}, {@code \r\n} and a lone {@code \r}, as the LSP specification
 * says; a position past the end of its line means the end of that line (never the next one).
 */
public final class SourceText {
    private final String text;
    private final int[] lineStarts;           // UTF-16 offsets where each line begins
    private final int[] codePointToUtf16;     // null when the text has no surrogate pairs

    public SourceText(String text) {
        this.text = text;
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            if (breakEndsAt(text, i)) lines++;
        }
        lineStarts = new int[lines];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (breakEndsAt(text, i)) lineStarts[line++] = i + 1;
        }
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints == text.length()) {
            codePointToUtf16 = null;
        } else {
            codePointToUtf16 = new int[codePoints + 1];
            int offset = 0;
            for (int cp = 0; cp < codePoints; cp++) {
                codePointToUtf16[cp] = offset;
                offset += Character.charCount(text.codePointAt(offset));
            }
            codePointToUtf16[codePoints] = offset;
        }
    }

    /** True when a line break ends at index {@code i}: a {@code \n}, or a {@code \r} not followed by {@code \n}. */
    private static boolean breakEndsAt(String text, int i) {
        char c = text.charAt(i);
        return c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
    }

    public String text() {
        return text;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** UTF-16 offset of a code-point index (as ANTLR reports token starts and stops). */
    public int utf16Offset(int codePointIndex) {
        if (codePointToUtf16 == null) return Math.min(Math.max(codePointIndex, 0), text.length());
        return codePointToUtf16[Math.min(Math.max(codePointIndex, 0), codePointToUtf16.length - 1)];
    }

    public Position positionAt(int utf16Offset) {
        int offset = Math.min(Math.max(utf16Offset, 0), text.length());
        int line = Arrays.binarySearch(lineStarts, offset);
        if (line < 0) line = -line - 2;
        return new Position(line, offset - lineStarts[line]);
    }

    /**
     * The offset of a position. A line past the last one means the end of the text; a character
     * past the end of its line (any value up to {@link Integer#MAX_VALUE}) means the end of the
     * line, before its line break; negative values count as 0.
     */
    public int offsetAt(Position position) {
        if (position.line() >= lineStarts.length) return text.length();
        int line = Math.max(position.line(), 0);
        int lineStart = lineStarts[line];
        int lineEnd = contentEnd(line);
        long offset = (long) lineStart + Math.max(position.character(), 0);
        return (int) Math.min(offset, lineEnd);
    }

    /** The offset where the line's content ends: before its line break (or the end of the text). */
    private int contentEnd(int line) {
        if (line + 1 >= lineStarts.length) return text.length();
        int end = lineStarts[line + 1] - 1;                       // the \n or the lone \r
        if (text.charAt(end) == '\n' && end > lineStarts[line] && text.charAt(end - 1) == '\r') end--;
        return end;
    }

    /** The text of one line without its line break. */
    public String line(int line) {
        return text.substring(lineStarts[line], contentEnd(line));
    }
}
