package dev.bramble.board;

import dev.bramble.device.Board;
import dev.bramble.errors.UserError;

import java.util.Locale;

/**
 * How a board top makes the core's clock from the board's oscillator, and the clock it actually
 * reaches. {@code DIRECT}: the oscillator is the target clock. {@code PLL}: the family's PLL,
 * its dividers searched within the data-sheet limits (iCE40 SB_PLL40 as icepll does, ECP5
 * EHXPLLL as ecppll does, 7-series MMCME2_BASE, Cyclone V altera_pll, Gowin rPLL); the nearest
 * output within 1 % of the target is taken. {@code DIVIDER}: the documented fallback where the
 * PLL cannot go (iCE40 below 16 MHz) — the oscillator divided by an integer N in logic (a
 * counter makes the clock), when the target is exactly oscillator / N. The reached clock is
 * always stated. Anything else is a {@link UserError} that lists what the board can make.
 */
public record ClockPlan(Kind kind, double oscillatorMHz, double reachedMHz, int divider, String primitive,
                        java.util.Map<String, Integer> pll) {
    public enum Kind { DIRECT, PLL, DIVIDER }

    /** A PLL output within this fraction of the target is taken (and the reached clock stated). */
    static final double PLL_TOLERANCE = 0.01;

    public static ClockPlan of(Board board, double targetMHz) throws UserError {
        double osc = board.clockMHz();
        if (!(targetMHz > 0)) throw new UserError("target clock must be above 0 MHz");
        if (Math.abs(targetMHz - osc) < 1e-9 * osc) return new ClockPlan(Kind.DIRECT, osc, osc, 1, null, java.util.Map.of());
        ClockPlan pll = PllSearch.best(board.family().id(), board.pll(), osc, targetMHz);
        if (pll != null && Math.abs(pll.reachedMHz - targetMHz) <= PLL_TOLERANCE * targetMHz) return pll;
        double ratio = osc / targetMHz;
        long n = Math.round(ratio);
        if (n >= 2 && Math.abs(ratio - n) < 1e-9 * ratio) return new ClockPlan(Kind.DIVIDER, osc, osc / n, (int) n, null, java.util.Map.of());
        throw new UserError(String.format(Locale.ROOT, "board %s cannot make %s MHz from its %s MHz oscillator: use %s MHz or %s/N (%s, %s, %s MHz, ...)%s",
                board.id(), fmt(targetMHz), fmt(osc), fmt(osc), fmt(osc), fmt(osc / 2), fmt(osc / 3), fmt(osc / 4),
                PllSearch.range(board.family().id()).map(r -> ", or " + r + " through the " + board.pll() + " (within 1 %)").orElse("")));
    }

    static String fmt(double mhz) {
        String s = String.format(Locale.ROOT, "%.4f", mhz);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** One line for a report: how the clock is made and what it is. */
    public String describe() {
        return switch (kind) {
            case DIRECT -> fmt(reachedMHz) + " MHz, the oscillator itself";
            case PLL -> fmt(reachedMHz) + " MHz from the " + fmt(oscillatorMHz) + " MHz oscillator through " + primitive + " " + pll;
            case DIVIDER -> fmt(reachedMHz) + " MHz: the " + fmt(oscillatorMHz) + " MHz oscillator divided by " + divider
                    + " in logic (the divider fallback)";
        };
    }
}
