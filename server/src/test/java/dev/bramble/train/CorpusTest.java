package dev.bramble.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.lang.model.TokenSet;
import dev.bramble.errors.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {
    static final TokenSet ABC = new TokenSet("abc", true, null);

    @TempDir
    Path dir;

    static String lines(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append("abc".charAt(i % 3)).append("a".repeat(i % 4)).append('\n');
        return b.toString();
    }

    @Test
    void everyDocumentIsWrappedInBos() throws UserError {
        Corpus c = Corpus.parse("c.txt", "cab\nb\n" + lines(8), ABC);
        assertArrayEquals(new int[] {3, 2, 0, 1, 3}, c.training().get(0));
        assertArrayEquals(new int[] {3, 1, 3}, c.training().get(1));
        assertEquals(4, c.longestDocument()); // lines(8) has "aaaa" (i = 3)
    }

    @Test
    void blankLinesAndCrlfAreNotDocuments() throws UserError {
        Corpus c = Corpus.parse("c.txt", "ab\r\n\r\n\nba\r\n" + lines(8).replace("\n", "\r\n"), ABC);
        assertEquals(10, c.training().size() + c.heldOut().size());
        assertArrayEquals(new int[] {3, 0, 1, 3}, c.training().get(0));
        assertArrayEquals(new int[] {3, 1, 0, 3}, c.training().get(1));
    }

    @Test
    void everyTenthDocumentIsHeldOut() throws UserError {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 25; i++) text.append("a".repeat(i + 1)).append('\n');
        Corpus c = Corpus.parse("c.txt", text.toString(), ABC);
        assertEquals(2, c.heldOut().size());
        assertEquals(23, c.training().size());
        assertEquals(10 + 2, c.heldOut().get(0).length); // the 10th line: 10 characters + 2 BOS
        assertEquals(20 + 2, c.heldOut().get(1).length);
    }

    @Test
    void aCharacterOutsideTheCharsetNamesFileLineAndColumn() throws Exception {
        Path file = dir.resolve("names.txt");
        Files.writeString(file, "abc\nab\nabX\n");
        UserError e = assertThrows(UserError.class, () -> Corpus.read(file, ABC));
        assertEquals(file + ":3:3: character 'X' (U+0058) is not in the model's tokens charset \"abc\";"
                + " remove it from the corpus or add it to the charset (and the vocabulary)", e.getMessage());
    }

    @Test
    void columnsCountUtf16UnitsLikeEditors() {
        UserError e = assertThrows(UserError.class, () -> Corpus.parse("c.txt", "a\uD83D\uDE00b\u00e9\n", ABC));
        assertTrue(e.getMessage().startsWith("c.txt:1:2: character '\uD83D\uDE00' (U+1F600)"), e.getMessage());
    }

    @Test
    void tooFewDocumentsToHoldAnyOut() {
        UserError e = assertThrows(UserError.class, () -> Corpus.parse("c.txt", "ab\nba\n", ABC));
        assertTrue(e.getMessage().contains("has 2 documents; training needs at least 10"), e.getMessage());
    }

    @Test
    void missingAndNonUtf8FilesAreClearErrors() throws Exception {
        UserError missing = assertThrows(UserError.class, () -> Corpus.read(dir.resolve("nope.txt"), ABC));
        assertTrue(missing.getMessage().contains("nope.txt: no such file; check the --data path"), missing.getMessage());
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'a', (byte) 0xE9, '\n'});
        UserError bad = assertThrows(UserError.class, () -> Corpus.read(latin1, ABC));
        assertEquals(latin1 + ": is not UTF-8 text; save the corpus as UTF-8", bad.getMessage());
    }
}
