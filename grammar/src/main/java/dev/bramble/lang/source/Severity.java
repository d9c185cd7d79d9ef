package dev.bramble.lang.source;

public enum Severity {
    ERROR, WARNING, INFORMATION, HINT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
