package dev.bramble.lang;

import java.util.Arrays;

/**
 * The text of a document with fast conversion from offsets to LSP positions.
 * ANTLR counts code points; LSP counts UTF-16 units. Both conversions live here, once.
 */
public final class SourceText {
    private final String text;
    private final int[] lineStarts;           // UTF-16 offsets where each line begins
    private final int[] codePointToUtf16;     // null when the text has no surrogate pairs

    public SourceText(String text) {
        this.text = text;
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') lines++;
        }
        lineStarts = new int[lines];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') lineStarts[line++] = i + 1;
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

    public int offsetAt(Position position) {
        if (position.line() >= lineStarts.length) return text.length();
        int lineStart = lineStarts[Math.max(position.line(), 0)];
        int lineEnd = position.line() + 1 < lineStarts.length ? lineStarts[position.line() + 1] - 1 : text.length();
        return Math.min(lineStart + Math.max(position.character(), 0), lineEnd);
    }

    /** The text of one line without its line break. */
    public String line(int line) {
        int start = lineStarts[line];
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') end--;
        return text.substring(start, end);
    }
}
