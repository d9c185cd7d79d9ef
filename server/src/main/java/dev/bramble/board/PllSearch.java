package dev.bramble.board;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The PLL settings nearest a target clock, per family, within the limits of each data sheet.
 * F_out formulas and ranges:
 * <ul>
 * <li>iCE40 SB_PLL40 (simple feedback): F_in (DIVF+1) / ((DIVR+1) 2^DIVQ); PFD 10–133 MHz,
 *     VCO 533–1,066 MHz, output 16–275 MHz (iCE40 sysCLOCK PLL guide; icepll).</li>
 * <li>ECP5 EHXPLLL (feedback from CLKOP): F_in / CLKI_DIV × CLKFB_DIV; PFD 3.125–400 MHz,
 *     VCO = output × CLKOP_DIV 400–800 MHz (FPGA-TN-02200; ecppll).</li>
 * <li>7-series MMCME2_BASE (integer settings): F_in × M / (D × O); PFD 10–450 MHz, VCO
 *     600–1,200 MHz (-1 speed grade), M 2–64, D 1–106, O 1–128 (DS181).</li>
 * <li>Cyclone V altera_pll: F_in × M / (N × C); VCO 600–1,300 MHz; Quartus computes the counters
 *     from the requested frequency, this search only checks it is reachable and states what.</li>
 * <li>Gowin rPLL: F_in (FBDIV_SEL+1) / (IDIV_SEL+1); VCO = output × ODIV 400–1,200 MHz, ODIV
 *     in {2, 4, 8, …, 128}, PFD ≥ 3 MHz (GW1NR-9 data sheet; Gowin rPLL user guide).</li>
 * </ul>
 */
final class PllSearch {
    private PllSearch() {}

    static Optional<String> range(String family) {
        return switch (family) {
            case "ice40" -> Optional.of("16 to 275 MHz");
            case "ecp5" -> Optional.of("3.125 to 400 MHz");
            case "xc7", "xcup" -> Optional.of("4.7 to 600 MHz");
            case "cyclonev" -> Optional.of("5 to 600 MHz");
            case "gowin" -> Optional.of("3.125 to 600 MHz");
            default -> Optional.empty();
        };
    }

    /** The nearest output, or null when the family has no PLL search. */
    static ClockPlan best(String family, String primitive, double fin, double target) {
        Best b = new Best(target);
        switch (family) {
            case "ice40" -> {
                if (target < 16 || target > 275) return null;
                for (int r = 0; r <= 15; r++) {
                    double pfd = fin / (r + 1);
                    if (pfd < 10 || pfd > 133) continue;
                    for (int f = 0; f <= 127; f++) {
                        double vco = pfd * (f + 1);
                        if (vco < 533 || vco > 1066) continue;
                        for (int q = 1; q <= 6; q++) {
                            double out = vco / (1 << q);
                            if (out >= 16 && out <= 275) b.offer(out, map("DIVR", r, "DIVF", f, "DIVQ", q, "FILTER_RANGE", filterRange(pfd)));
                        }
                    }
                }
            }
            case "ecp5" -> {
                for (int i = 1; i <= 128; i++) {
                    double pfd = fin / i;
                    if (pfd < 3.125 || pfd > 400) continue;
                    for (int fb = 1; fb <= 80; fb++) {
                        double out = pfd * fb;
                        if (out > 400) break;
                        for (int op = 1; op <= 128; op++) {
                            double vco = out * op;
                            if (vco >= 400 && vco <= 800) {
                                b.offer(out, map("CLKI_DIV", i, "CLKFB_DIV", fb, "CLKOP_DIV", op, "CLKOP_CPHASE", Math.max(0, op / 2 - 1)));
                                break;
                            }
                        }
                    }
                }
            }
            case "xc7", "xcup" -> {
                for (int d = 1; d <= 106; d++) {
                    double pfd = fin / d;
                    if (pfd < 10 || pfd > 450) continue;
                    for (int m = 2; m <= 64; m++) {
                        double vco = pfd * m;
                        if (vco < 600 || vco > 1200) continue;
                        for (int o = 1; o <= 128; o++) b.offer(vco / o, map("M", m, "D", d, "O", o));
                    }
                }
            }
            case "cyclonev" -> {
                for (int n = 1; n <= 8; n++) {
                    for (int m = 1; m <= 64; m++) {
                        double vco = fin * m / n;
                        if (vco < 600 || vco > 1300) continue;
                        for (int c = 1; c <= 256; c++) b.offer(vco / c, map("M", m, "N", n, "C", c));
                    }
                }
            }
            case "gowin" -> {
                int[] odivs = {2, 4, 8, 16, 32, 48, 64, 80, 96, 112, 128};
                for (int i = 0; i <= 63; i++) {
                    if (fin / (i + 1) < 3) break;
                    for (int f = 0; f <= 63; f++) {
                        double out = fin * (f + 1) / (i + 1);
                        for (int od : odivs) {
                            double vco = out * od;
                            if (vco >= 400 && vco <= 1200) {
                                b.offer(out, map("IDIV_SEL", i, "FBDIV_SEL", f, "ODIV_SEL", od));
                                break;
                            }
                        }
                    }
                }
            }
            default -> {
                return null;
            }
        }
        return b.params == null ? null : new ClockPlan(ClockPlan.Kind.PLL, fin, b.out, 1, primitive, b.params);
    }

    private static final class Best {
        final double target;
        double out = Double.NaN;
        Map<String, Integer> params;

        Best(double target) {
            this.target = target;
        }

        void offer(double candidate, Map<String, Integer> p) {
            if (params == null || Math.abs(candidate - target) < Math.abs(out - target) - 1e-12) {
                out = candidate;
                params = p;
            }
        }
    }

    private static Map<String, Integer> map(Object... kv) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Integer) kv[i + 1]);
        return m;
    }

    private static int filterRange(double pfd) {
        if (pfd < 17) return 1;
        if (pfd < 26) return 2;
        if (pfd < 44) return 3;
        if (pfd < 66) return 4;
        if (pfd < 101) return 5;
        return 6;
    }
}
