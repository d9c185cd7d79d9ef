package dev.bramble.lang.model;

/** Where weight ROMs go: block RAM, distributed (LUT) RAM, or the cheaper of the two per ROM. */
public enum Storage {
    BRAM, LUT, AUTO;

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
