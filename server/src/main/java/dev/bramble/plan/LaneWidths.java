package dev.bramble.plan;

import dev.bramble.device.DspKind;
import dev.bramble.device.DspRules;

/**
 * A lane's multiplier operands ({@code a × b}, signed), its accumulator width, and how many low
 * bits of {@code b} the lane multiplies in logic ({@code softLowBits}: rows {@code a·b[i]·2^i}
 * beside one DSP cell of {@code a × (b − softLowBits)}, rtl-lib/mac_lane.v SOFTB).
 */
public record LaneWidths(int a, int b, int accumulator, int softLowBits) {
    /** The most low bits a lane multiplies in logic: each is a row and an adder (about 60 iCE40 LUT4 for one). */
    public static final int MAX_SOFT_LOW_BITS = 2;

    public LaneWidths(int a, int b, int accumulator) {
        this(a, b, accumulator, 0);
    }

    /** The lane's multiplier as the DSP cells see it: {@code a × (b − softLowBits)}. */
    public int dspB() {
        return b - softLowBits;
    }

    /**
     * The fewest low bits of {@code b} (at most {@link #MAX_SOFT_LOW_BITS}) that leave {@code a × b}
     * one DSP cell on {@code dsp}, or 0 when it is one already or no such bits do: on iCE40 a
     * 17 × 18 lane is two SB_MAC16 (Yosys's mul2dsp keeps the 2 × 17 slice a cell), with b's low
     * bit in logic one SB_MAC16 — so a lane is one DSP cell, as issue #14 asks, for 60 LUT4.
     */
    public static int softLowBits(DspKind dsp, int a, int b) {
        if (dsp == null || !dsp.rule().equals("yosys-mul2dsp") || cells(dsp, a, b) <= 1) return 0;
        for (int s = 1; s <= MAX_SOFT_LOW_BITS && b - s >= 2; s++) {
            if (cells(dsp, a, b - s) == 1) return s;
        }
        return 0;
    }

    private static int cells(DspKind dsp, int a, int b) {
        return DspRules.cells(dsp, a, b, true, 1).values().stream().mapToInt(Integer::intValue).sum();
    }
}
