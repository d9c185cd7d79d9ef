package dev.bramble.lang;

import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.source.Range;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * lemminx-style expectations: {@code assertDiagnostics(text, d(4, 20, 4, 27, "width-mismatch"))}
 * states one diagnostic per line — 0-based line, UTF-16 column, as an editor shows it.
 */
final class DiagnosticAssert {
    private DiagnosticAssert() {}

    record Expected(Range range, String code) {
        @Override
        public String toString() {
            return code + " at " + range;
        }
    }

    static Expected d(int startLine, int startChar, int endLine, int endChar, String code) {
        return new Expected(Range.of(startLine, startChar, endLine, endChar), code);
    }

    static Design analyze(String text) {
        return Bramble.analyze("test.bramble", text);
    }

    static String resource(String name) {
        try (InputStream in = DiagnosticAssert.class.getResourceAsStream("/" + name)) {
            if (in == null) throw new AssertionError("missing test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts the errors and warnings of {@code text} are exactly {@code expected}, in order. */
    static Design assertDiagnostics(String text, Expected... expected) {
        Design design = analyze(text);
        List<String> actual = design.diagnostics().stream()
                .map(d -> new Expected(d.range(), d.code()).toString())
                .collect(Collectors.toList());
        List<String> wanted = List.of(expected).stream().map(Expected::toString).collect(Collectors.toList());
        assertEquals(wanted, actual, () -> "diagnostics were:\n" + design.diagnostics().stream()
                .map(d -> "  " + d.range() + " " + d.code() + ": " + d.message()).collect(Collectors.joining("\n")));
        return design;
    }

    static Design assertFileDiagnostics(String resourceName, Expected... expected) {
        return assertDiagnostics(resource(resourceName), expected);
    }

    static String message(Design design, String code) {
        return design.diagnostics().stream().filter(d -> d.code().equals(code)).findFirst()
                .map(Diagnostic::message).orElseThrow(() -> new AssertionError("no " + code + " diagnostic"));
    }
}
