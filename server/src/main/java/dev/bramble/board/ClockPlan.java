package dev.bramble.board;

import dev.bramble.device.Board;
import dev.bramble.errors.UserError;

import java.util.Locale;

/**
 * How a board top makes the core's clock from the board's oscillator, and the clock it actually
 * reaches. {@code DIRECT}: the oscillator is the target clock. {@code PLL}: the family's PLL
 * (today iCE40's SB_PLL40, whose dividers are searched as icepll does). {@code DIVIDER}: the
 * documented fallback — the oscillator divided by an integer in logic (a counter toggles a
 * clock net), used where the target is an integer fraction of the oscillator or the family's PLL
 * is not generated yet; the reached clock is then oscillator / N, never above the target.
 * Anything else is a clock the board cannot reach: a {@link UserError} that lists what it can.
 */
public record ClockPlan(Kind kind, double oscillatorMHz, double reachedMHz, int divider, int divr, int divf, int divq, int filterRange) {
    public enum Kind { DIRECT, PLL, DIVIDER }

    /** A PLL output within this fraction of the target is taken (and the reached clock stated). */
    static final double PLL_TOLERANCE = 0.01;

    public static ClockPlan of(Board board, double targetMHz) throws UserError {
        double osc = board.clockMHz();
        if (!(targetMHz > 0)) throw new UserError("target clock must be above 0 MHz");
        if (Math.abs(targetMHz - osc) < 1e-9 * osc) return new ClockPlan(Kind.DIRECT, osc, osc, 1, 0, 0, 0, 0);
        double ratio = osc / targetMHz;
        long n = Math.round(ratio);
        if (n >= 2 && Math.abs(ratio - n) < 1e-9 * ratio) return new ClockPlan(Kind.DIVIDER, osc, osc / n, (int) n, 0, 0, 0, 0);
        if (board.family().id().equals("ice40")) {
            ClockPlan pll = ice40Pll(osc, targetMHz);
            if (pll != null && Math.abs(pll.reachedMHz - targetMHz) <= PLL_TOLERANCE * targetMHz) return pll;
        }
        // The fallback for a target that is no integer fraction of the oscillator: the next divider below it.
        if (!board.family().id().equals("ice40") && targetMHz < osc) {
            int d = (int) Math.ceil(ratio);
            return new ClockPlan(Kind.DIVIDER, osc, osc / d, d, 0, 0, 0, 0);
        }
        throw new UserError(String.format(Locale.ROOT, "board %s cannot make %s MHz from its %s MHz oscillator: %s",
                board.id(), fmt(targetMHz), fmt(osc), reachable(board)));
    }

    private static String reachable(Board board) {
        double osc = board.clockMHz();
        StringBuilder s = new StringBuilder("use " + fmt(osc) + " MHz or " + fmt(osc) + "/N (" + fmt(osc / 2) + ", " + fmt(osc / 3)
                + ", " + fmt(osc / 4) + " MHz, ...)");
        if (board.family().id().equals("ice40")) s.append(", or 16 to 275 MHz through the PLL (within 1 %)");
        else s.append(", or a clock below it (the oscillator divided by the next integer)");
        return s.toString();
    }

    static String fmt(double mhz) {
        String s = String.format(Locale.ROOT, "%.4f", mhz);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * iCE40 SB_PLL40 in simple feedback: F_out = F_in (DIVF+1) / ((DIVR+1) 2^DIVQ), with the
     * phase detector at 10–133 MHz, the VCO at 533–1,066 MHz and the output at 16–275 MHz
     * (iCE40 sysCLOCK PLL design guide, the limits icepll checks). The closest output wins.
     */
    static ClockPlan ice40Pll(double osc, double target) {
        if (target < 16 || target > 275) return null;
        ClockPlan best = null;
        for (int divr = 0; divr <= 15; divr++) {
            double pfd = osc / (divr + 1);
            if (pfd < 10 || pfd > 133) continue;
            for (int divf = 0; divf <= 127; divf++) {
                double vco = pfd * (divf + 1);
                if (vco < 533 || vco > 1066) continue;
                for (int divq = 1; divq <= 6; divq++) {
                    double out = vco / (1 << divq);
                    if (out < 16 || out > 275) continue;
                    if (best == null || Math.abs(out - target) < Math.abs(best.reachedMHz - target)) {
                        best = new ClockPlan(Kind.PLL, osc, out, 1, divr, divf, divq, filterRange(pfd));
                    }
                }
            }
        }
        return best;
    }

    private static int filterRange(double pfd) {
        if (pfd < 17) return 1;
        if (pfd < 26) return 2;
        if (pfd < 44) return 3;
        if (pfd < 66) return 4;
        if (pfd < 101) return 5;
        return 6;
    }

    /** One line for a report: how the clock is made and what it is. */
    public String describe() {
        return switch (kind) {
            case DIRECT -> fmt(reachedMHz) + " MHz, the oscillator itself";
            case PLL -> String.format(Locale.ROOT, "%s MHz from the %s MHz oscillator through the PLL (DIVR %d, DIVF %d, DIVQ %d)",
                    fmt(reachedMHz), fmt(oscillatorMHz), divr, divf, divq);
            case DIVIDER -> fmt(reachedMHz) + " MHz: the " + fmt(oscillatorMHz) + " MHz oscillator divided by " + divider
                    + " in logic (the divider fallback)";
        };
    }
}
