package dev.bramble.lang.source;

import java.util.Map;

/**
 * One finding about a document. {@code code} is stable (tests, editors and users key on it);
 * {@code data} carries what a quick fix needs (for example the names a misspelling may mean).
 */
public record Diagnostic(Range range, Severity severity, String code, String message, Map<String, Object> data) {
    public Diagnostic {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public static Diagnostic error(Range range, String code, String message) {
        return new Diagnostic(range, Severity.ERROR, code, message, Map.of());
    }

    public static Diagnostic warning(Range range, String code, String message) {
        return new Diagnostic(range, Severity.WARNING, code, message, Map.of());
    }

    public Diagnostic withData(Map<String, Object> moreData) {
        return new Diagnostic(range, severity, code, message, moreData);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
