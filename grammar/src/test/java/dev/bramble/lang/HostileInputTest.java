package dev.bramble.lang;

import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Limits;
import dev.bramble.lang.source.Codes;
import dev.bramble.lang.source.Diagnostic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Input meant to hurt: the analysis answers every one with diagnostics (never an exception, a
 * stack overflow or seconds of work), and each limit names itself with its own code.
 */
class HostileInputTest {
    private static Design analyze(String text) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Bramble.analyze("hostile.bramble", text));
    }

    private static List<String> codes(Design d) {
        return d.diagnostics().stream().map(Diagnostic::code).toList();
    }

    private static final String HEAD = "model m {\n weights random seed 1\n input x [4]\n";
    private static final String TAIL = " argmax\n}\n";

    @Example
    void hundredThousandNestedBlocksAreCutAtTheLimit() {
        int n = 100_000;
        Design d = analyze(HEAD + "block b{".repeat(n) + "}".repeat(n) + "\n" + TAIL);
        assertEquals(List.of(Codes.NESTING_DEPTH), codes(d), d.diagnostics().toString());
        assertEquals(1, d.models().size(), "the rest of the model still resolves");
    }

    @Example
    void deepResidualsAttentionAndParentheses() {
        assertTrue(codes(analyze(HEAD + "residual {\n".repeat(10_000) + "}\n".repeat(10_000) + TAIL)).contains(Codes.NESTING_DEPTH));
        assertTrue(codes(analyze(HEAD + "attention heads 1 {".repeat(5_000) + "}".repeat(5_000) + TAIL)).contains(Codes.NESTING_DEPTH));
        Design parens = analyze("model m {\n w = " + "(".repeat(4_000) + "1" + ")".repeat(4_000) + "\n}\n");
        assertTrue(codes(parens).contains(Codes.NESTING_DEPTH), parens.diagnostics().toString());
        // Exactly at the limit is fine.
        Design atLimit = analyze("model m {\n w = " + "(".repeat(Limits.MAX_NESTING - 1) + "1" + ")".repeat(Limits.MAX_NESTING - 1)
                + "\n weights random seed 1\n input x [w]\n argmax\n}\n");
        assertEquals(List.of(), codes(atLimit));
    }

    @Example
    void longExpressionsAreCut() {
        Design d = analyze("model m {\n w = 1" + "+1".repeat(200_000) + "\n weights random seed 1\n input x [w]\n argmax\n}\n");
        assertEquals(List.of(Codes.EXPRESSION_SIZE), codes(d));
        assertEquals(Limits.MAX_OPERATORS + 1, d.model().orElseThrow().constant("w").orElseThrow().value());
    }

    @Example
    void repeatsAndExpansionAreBounded() {
        Design big = analyze(HEAD + "block b[0..3000] { rmsnorm }\n" + TAIL);
        assertEquals(List.of(Codes.EMPTY_REPEAT), codes(big));
        Design nested = analyze(HEAD + "block a[0..200] { block b[0..200] { block c[0..200] { rmsnorm } } }\n" + TAIL);
        assertTrue(codes(nested).contains(Codes.TOO_LARGE), nested.diagnostics().toString());
    }

    @Example
    void hugeNumbersStayNumbers() {
        Design d = analyze("model m {\n context = 999999999\n dim = 16\n weights random seed 1\n embedding wte [27, dim]\n"
                + " embedding wpe [context, dim] position\n linear lm [dim -> 27]\n argmax\n}\n");
        assertEquals(List.of(Codes.TOO_LARGE), codes(d));
        assertTrue(d.diagnostics().get(0).message().contains("wpe"), d.diagnostics().toString());
        // Without a tensor sized by it, a huge context is legal: only attention's cache grows.
        Design kv = analyze("model m {\n context = 999999999\n dim = 16\n weights random seed 1\n embedding wte [27, dim]\n"
                + " attention heads 1 {\n linear q [dim -> dim]\n linear k [dim -> dim]\n linear v [dim -> dim]\n linear o [dim -> dim]\n }\n"
                + " linear lm [dim -> 27]\n argmax\n}\n");
        assertEquals(List.of(), codes(kv));
    }

    @Example
    void longNamesGetNoQuadraticSuggestions() {
        String a = "a".repeat(400_000), b = "a".repeat(399_999) + "b";
        Design d = analyze("model m {\n " + a + " = 4\n weights random seed 1\n input x [" + b + "]\n argmax\n}\n");
        assertEquals(List.of(Codes.UNKNOWN_NAME), codes(d));
    }

    @Example
    void binaryAndHugeFilesAreRefused() {
        assertEquals(List.of(Codes.NOT_TEXT), codes(analyze("model m {\0}")));
        assertEquals(List.of(Codes.TOO_LARGE), codes(analyze("x".repeat(Limits.MAX_CHARS + 1))));
    }

    @Example
    void diagnosticsAreCapped() {
        StringBuilder text = new StringBuilder("model m {\n");
        for (int i = 0; i < 2_000; i++) text.append(" c").append(i).append(" = nope").append(i).append('\n');
        Design d = analyze(text + "}\n");
        assertEquals(Limits.MAX_DIAGNOSTICS + 1, d.diagnostics().size());
        assertEquals(Codes.TOO_MANY_DIAGNOSTICS, d.diagnostics().get(Limits.MAX_DIAGNOSTICS).code());
    }

    @Provide
    Arbitrary<String> soup() {
        Arbitrary<String> pieces = Arbitraries.of("model", "m", "{", "}", "[", "]", "(", ")", "block", "b", "residual",
                "attention", "heads", "linear", "->", "..", "=", "+", "*", "/", "-", "1", "0", "999999999", "context",
                "input", "argmax", "sample", "temperature", "embedding", "position", ",", "\n", "\r", "\r\n", " ",
                "target", "device", "lanes", "clock", "MHz", "\"", "q4.12", "weights", "random", "seed", "é", "😀");
        return pieces.list().ofMaxSize(300).map(l -> String.join(" ", l));
    }

    @Property(tries = 300)
    void anySoupOfTokensGivesDiagnosticsNotExceptions(@ForAll("soup") String text) {
        Design d = Bramble.analyze("soup.bramble", text);
        assertTrue(d.diagnostics().size() <= Limits.MAX_DIAGNOSTICS + 1);
        assertTrue(codes(d).stream().noneMatch(Codes.INTERNAL::equals), d.diagnostics().toString());
    }
}
