package dev.bramble.lsp.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bramble.lang.source.Position;
import dev.bramble.lang.source.SourceText;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The token lookups the features share (hover, definition, outline, completion) answer by
 * binary search; for any text and any position they agree with the plain definitions: the
 * token containing the position (the one starting there when one ends there too), and the
 * first token starting at or after it.
 */
class LexedTextPropertiesTest {
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.of("model", "m", "{", "}", "[", "]", "->", "dim", "=", "16", "linear", "a", "b",
                " ", "  ", "\n", "\r\n", "\t", "// c\n", "/* x\ny */", "é", "😀", "q4.12", "attention", "heads", ",");
        return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<Position> positions() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0, 60))
                .as(Position::new);
    }

    @Property(tries = 2000)
    void lookupsAgreeWithTheirDefinitions(@ForAll("texts") String text, @ForAll("positions") Position p) {
        LexedText lexed = new LexedText(new SourceText(text));
        List<LexedText.Tok> tokens = lexed.tokens();
        int first = tokens.size();
        for (int i = tokens.size() - 1; i >= 0; i--) if (tokens.get(i).range().start().compareTo(p) >= 0) first = i;
        assertEquals(first, lexed.firstAtOrAfter(p), "firstAtOrAfter " + p + " in " + tokens);
        int at = -1;
        for (int i = 0; i < tokens.size() && at < 0; i++) {
            var r = tokens.get(i).range();
            boolean nextStartsHere = i + 1 < tokens.size() && tokens.get(i + 1).range().start().equals(p);
            if (r.contains(p) && !(r.end().equals(p) && nextStartsHere)) at = i;
        }
        assertEquals(at, lexed.indexAt(p), "indexAt " + p + " in " + tokens);
    }
}
