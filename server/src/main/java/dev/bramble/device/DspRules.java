package dev.bramble.device;


import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many DSP cells one {@code a × b} multiplier becomes on a family. For the Yosys-mapped
 * families this replays Yosys 0.23's own {@code mul2dsp} techmap (the swap, the min/max widths,
 * the recursive split into partial products, the min-width check that leaves thin slices in
 * logic, and — between Cyclone V's passes — the {@code $__soft_mul → $mul} hand-over) with the
 * family's parameters from the catalogue, so the count is what Yosys maps — the
 * synthesis tests check that on a grid of widths. Cyclone V replays the three passes of
 * {@code synth_intel_alm} (27×27, 18×18, 9×9) and then packs cells into variable-precision
 * blocks as Intel documents (one 27×27, two 18×18 or three 9×9 per block). Gowin follows the
 * vendor's documented rule (Yosys 0.23 leaves Gowin multipliers in logic).
 */
public final class DspRules {
    private DspRules() {}

    /** One mul2dsp pass: a cell of at most aMax × bMax, at least aMin × bMin. */
    record Pass(String cell, int aMax, int bMax, int aMaxPartial, int bMaxPartial, int aMin, int bMin, int yMin, boolean signedOnly) {}

    private static final Pass[] CYCLONE_V = {
            new Pass("MISTRAL_MUL27X27", 27, 27, 27, 27, 19, 4, 0, false),
            new Pass("MISTRAL_MUL27X27", 27, 27, 27, 27, 4, 19, 0, false),
            new Pass("MISTRAL_MUL18X18", 18, 18, 18, 18, 10, 4, 0, false),
            new Pass("MISTRAL_MUL18X18", 18, 18, 18, 18, 4, 10, 0, false),
            new Pass("MISTRAL_MUL9X9", 9, 9, 9, 9, 4, 4, 0, false),
    };

    /** Cells by type for {@code count} multipliers of {@code a × b} bits. */
    public static Map<String, Integer> cells(DspKind kind, int a, int b, boolean signed, int count) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (count <= 0) return out;
        switch (kind.rule()) {
            case "yosys-mul2dsp" -> {
                Pass p = new Pass(kind.cells().get(0), kind.aMax(), kind.bMax(), kind.aMaxPartial(), kind.bMax(),
                        kind.aMin(), kind.bMin(), kind.yMin(), kind.signedOnly());
                mul(new Pass[] {p}, 0, true, a, signed, b, signed, a + b, out, count);
            }
            case "cyclonev" -> mul(CYCLONE_V, 0, true, a, signed, b, signed, a + b, out, count);
            case "gowin" -> gowin(a, b, out, count);
            default -> throw new IllegalStateException("unknown DSP rule " + kind.rule());
        }
        return out;
    }

    /** Blocks as the vendor counts them, from cells (the unit the catalogue's {@code dsp} uses). */
    public static int blocks(DspKind kind, Map<String, Integer> cells) {
        return switch (kind.rule()) {
            case "cyclonev" -> cells.getOrDefault("MISTRAL_MUL27X27", 0)
                    + ceilDiv(cells.getOrDefault("MISTRAL_MUL18X18", 0), 2)
                    + ceilDiv(cells.getOrDefault("MISTRAL_MUL9X9", 0), 3);
            case "gowin" -> cells.getOrDefault("MULT18X18", 0) + 4 * cells.getOrDefault("MULT36X36", 0)
                    + ceilDiv(cells.getOrDefault("MULT9X9", 0), 2);
            default -> cells.values().stream().mapToInt(Integer::intValue).sum();
        };
    }

    private static void mul(Pass[] passes, int pass, boolean top, int a, boolean as, int b, boolean bs, int y,
                            Map<String, Integer> out, int count) {
        if (pass >= passes.length) return; // left in logic ($__soft_mul)
        Pass p = passes[pass];
        if (a < p.aMin() || b < p.bMin() || y < p.yMin()) {
            // _90_soft_mul: a mixed-sign product becomes signed × signed (the unsigned side one
            // bit wider); `chtype -set $mul t:$__soft_mul` then hands it to the next pass as a
            // fresh $mul (so it may be swapped again).
            int a2 = a, b2 = b;
            if (as && !bs) b2 = b + 1;
            if (!as && bs) a2 = a + 1;
            boolean signed = as || bs;
            mul(passes, pass + 1, true, a2, signed, b2, signed, y, out, count);
            return;
        }
        if (p.signedOnly() && top && !as && !bs) {
            mul(passes, pass, true, a + 1, true, b + 1, true, y, out, count);
            return;
        }
        if (top && a < b) {
            mul(passes, pass, true, b, bs, a, as, y, out, count);
            return;
        }
        int headroom = p.signedOnly() ? 1 : 0;
        if (a > p.aMax()) {
            int step = p.aMaxPartial() - headroom;
            int n = (a - p.aMax() + p.aMaxPartial() - headroom - 1) / step;
            int partialY = Math.min(y, b + p.aMaxPartial());
            int lastA = a - n * step;
            mul(passes, pass, false, p.aMaxPartial(), headroom == 1, b, bs, partialY, out, count * n);
            mul(passes, pass, false, lastA, as, b, bs, b + lastA, out, count);
        } else if (b > p.bMax()) {
            int step = p.bMaxPartial() - headroom;
            int n = (b - p.bMax() + p.bMaxPartial() - headroom - 1) / step;
            int partialY = Math.min(y, a + p.bMaxPartial());
            int lastB = b - n * step;
            mul(passes, pass, false, a, as, p.bMaxPartial(), headroom == 1, partialY, out, count * n);
            mul(passes, pass, false, a, as, lastB, bs, a + lastB, out, count);
        } else {
            out.merge(p.cell(), count, Integer::sum);
        }
    }

    /**
     * Gowin (UG287): operands up to 9×9 use a MULT9X9 (two per 18×18 slot), up to 18×18 a
     * MULT18X18, up to 36×36 a MULT36X36 (four slots); wider ones tile 36×36 pieces.
     */
    private static void gowin(int a, int b, Map<String, Integer> out, int count) {
        int wide = Math.max(a, b);
        int narrow = Math.min(a, b);
        if (narrow < 2) return;
        if (wide <= 9) out.merge("MULT9X9", count, Integer::sum);
        else if (wide <= 18) out.merge("MULT18X18", count, Integer::sum);
        else out.merge("MULT36X36", count * ceilDiv(a, 36) * ceilDiv(b, 36), Integer::sum);
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
