package dev.bramble.lang;

import dev.bramble.lang.source.SourceText;
import dev.bramble.lang.source.Position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Positions as the LSP specification defines them: {@code \n}, {@code \r\n} and a lone
 * {@code \r} end lines; a character past the end of a line (up to {@link Integer#MAX_VALUE})
 * means the end of that line. An overflow here used to turn a replacement into an insertion.
 */
class SourceTextPropertiesTest {
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars('a', 'b', ' ', '\n', '\r', '\t', 'é', '😀').ofMaxLength(60);
    }

    @Provide
    Arbitrary<Integer> characters() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-3, 80),
                Arbitraries.of(Integer.MAX_VALUE, Integer.MAX_VALUE - 1, Integer.MIN_VALUE));
    }

    @Property(tries = 2000)
    void offsetsStayInsideTheirLine(@ForAll("texts") String text, @ForAll("characters") int character,
                                    @ForAll("characters") int line) {
        SourceText source = new SourceText(text);
        int offset = source.offsetAt(new Position(line, character));
        assertTrue(offset >= 0 && offset <= text.length(), "offset " + offset);
        if (line >= 0 && line < source.lineCount()) {
            Position back = source.positionAt(offset);
            assertEquals(line, back.line(), "a position on line " + line + " must not move to another line");
            assertTrue(back.character() <= source.line(line).length());
            if (character >= source.line(line).length()) assertEquals(source.line(line).length(), back.character());
        }
    }

    @Property(tries = 1000)
    void linesAreWhatTheSpecificationCalls(@ForAll("texts") String text) {
        SourceText source = new SourceText(text);
        String[] expected = text.split("\r\n|\r|\n", -1);
        assertEquals(expected.length, source.lineCount(), "line count of " + text.replace("\r", "\\r").replace("\n", "\\n"));
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], source.line(i));
    }

    @Property(tries = 1000)
    void positionAndOffsetRoundTrip(@ForAll("texts") String text, @ForAll("characters") int offset) {
        SourceText source = new SourceText(text);
        int clamped = Math.min(Math.max(offset, 0), text.length());
        Position p = source.positionAt(clamped);
        // An offset between \r and \n is not a place a position can name; every other one round-trips.
        boolean insideCrLf = clamped > 0 && clamped < text.length() && text.charAt(clamped - 1) == '\r' && text.charAt(clamped) == '\n';
        if (!insideCrLf) assertEquals(clamped, source.offsetAt(p));
    }

    @Example
    void hugeCharacterMeansEndOfLine() {
        SourceText source = new SourceText("model m {\n  context = 16\n}\n");
        assertEquals("model m {\n  context = 16".length(), source.offsetAt(new Position(1, Integer.MAX_VALUE)));
        SourceText lone = new SourceText("a\rbc\rd");
        assertEquals(3, lone.lineCount());
        assertEquals(new Position(1, 1), lone.positionAt(3));
        assertEquals(4, lone.offsetAt(new Position(1, Integer.MAX_VALUE)));
    }
}
