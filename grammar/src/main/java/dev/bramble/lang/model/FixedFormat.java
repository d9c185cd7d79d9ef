package dev.bramble.lang.model;

/**
 * Signed two's-complement fixed point qI.F: I integer bits (the sign bit among them) and F
 * fraction bits, I + F bits in all. q4.12 is 16 bits holding -8 .. 8 - 2^-12.
 */
public record FixedFormat(int intBits, int fracBits) {
    public static final int MIN_BITS = 2;
    public static final int MAX_BITS = 32;

    public int totalBits() {
        return intBits + fracBits;
    }

    public boolean isLegal() {
        return intBits >= 1 && fracBits >= 0 && totalBits() >= MIN_BITS && totalBits() <= MAX_BITS;
    }

    public double maxValue() {
        return Math.scalb(1.0, intBits - 1) - Math.scalb(1.0, -fracBits);
    }

    public double minValue() {
        return -Math.scalb(1.0, intBits - 1);
    }

    public static FixedFormat parse(String text) {
        String body = text.startsWith("q") ? text.substring(1) : text;
        int dot = body.indexOf('.');
        if (dot < 0) throw new IllegalArgumentException("not a qI.F format: " + text);
        return new FixedFormat(parseBits(body.substring(0, dot)), parseBits(body.substring(dot + 1)));
    }

    private static int parseBits(String digits) {
        // Huge digit strings are not numbers we must keep: clamp so validation reports them.
        return digits.length() > 4 ? 9999 : Integer.parseInt(digits);
    }

    @Override
    public String toString() {
        return "q" + intBits + "." + fracBits;
    }
}
