package dev.bramble.lang.model;

public enum Activation {
    NONE, RELU, GELU;

    public String keyword() {
        return this == NONE ? "" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
