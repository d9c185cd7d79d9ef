package dev.bramble.rtl;

import dev.bramble.numerics.FixedMath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lookup tables of docs/numerics.md as ROM images. They come from {@link FixedMath}'s
 * tables, so the RTL reads the very numbers the reference model uses.
 */
public final class NumericTables {
    public static final String RSQRT = "rsqrt_table.hex";
    public static final String RECIP = "recip_table.hex";
    /** The scalar unit's one seed memory (rtl-lib/fx_newton.v): RSQRT's words, then RECIP's at {@link #RECIP_BASE}. */
    public static final String SEEDS = "seed_table.hex";
    public static final int RECIP_BASE = 96;
    public static final String EXP_HI = "exp_hi.hex";
    public static final String EXP_LO = "exp_lo.hex";
    public static final String GELU = "gelu_table.hex";
    public static final String GELU_ERF = "gelu_erf_table.hex";

    private NumericTables() {}

    /** File name → contents, in a fixed order. */
    public static Map<String, String> images() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(RSQRT, HexImage.of(FixedMath.RSQRT_TABLE, 16));
        m.put(RECIP, HexImage.of(FixedMath.RECIP_TABLE, 16));
        m.put(SEEDS, HexImage.of(seeds(), 16));
        m.put(EXP_HI, HexImage.of(FixedMath.EXP_HI, 16));
        m.put(EXP_LO, HexImage.of(FixedMath.EXP_LO, 16));
        m.put(GELU, HexImage.of(FixedMath.GELU_TABLE, 16));
        m.put(GELU_ERF, HexImage.of(FixedMath.GELU_ERF_TABLE, 16));
        return m;
    }

    /** The two seed tables in one: fx_newton.v reads recip's at RECIP_BASE. */
    static int[] seeds() {
        int[] rs = FixedMath.RSQRT_TABLE, rc = FixedMath.RECIP_TABLE;
        if (rs.length != RECIP_BASE) throw new IllegalStateException("fx_newton.v puts the reciprocal's seeds at " + RECIP_BASE + ", after " + rs.length + " rsqrt words");
        int[] all = java.util.Arrays.copyOf(rs, rs.length + rc.length);
        System.arraycopy(rc, 0, all, rs.length, rc.length);
        return all;
    }

    public static void writeAll(Path dir) {
        try {
            for (var e : images().entrySet()) Files.writeString(dir.resolve(e.getKey()), e.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
