package dev.bramble.rtl;

/** Text for {@code $readmemh}: one two's-complement word per line, fixed width, '\n' endings. */
public final class HexImage {
    private HexImage() {}

    public static String of(long[] values, int bits) {
        StringBuilder sb = new StringBuilder(values.length * ((bits + 3) / 4 + 1));
        int digits = (bits + 3) / 4;
        long mask = bits >= 64 ? -1L : (1L << bits) - 1;
        for (long v : values) {
            String h = Long.toHexString(v & mask);
            for (int i = h.length(); i < digits; i++) sb.append('0');
            sb.append(h).append('\n');
        }
        return sb.toString();
    }

    public static String of(int[] values, int bits) {
        long[] l = new long[values.length];
        for (int i = 0; i < values.length; i++) l[i] = values[i];
        return of(l, bits);
    }
}
