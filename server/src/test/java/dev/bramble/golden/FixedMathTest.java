package dev.bramble.golden;

import dev.bramble.numerics.FixedMath;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The primitives' exact definitions, and the approximations' accuracy over their whole input range. */
class FixedMathTest {
    /**
     * docs/numerics.md "Attention" step 4: a softmax weight is a lane operand of 17 bits signed,
     * so π < 2^16 for every sum S ≥ 2^15 and e ≤ min(S, 2^15) (π grows with e: the largest e is
     * the worst case), over every S up to 2^30 at and around each power of two and a dense sweep
     * of the short contexts.
     */
    @Test
    void softmaxWeightsFitSeventeenBitsSigned() {
        java.util.List<Long> sums = new java.util.ArrayList<>();
        for (long s = 32768; s < 32768 * 64; s++) sums.add(s);
        for (int b = 21; b <= 30; b++) for (long d = -70; d <= 70; d++) sums.add((1L << b) + d * ((1L << b) / 64) / 64);
        for (long s : sums) {
            long recip = FixedMath.recip(s);
            long e = Math.min(s, 32768);
            long pi = FixedMath.attentionWeight(e, recip);
            assertTrue(pi >= 0 && pi < 1L << 16, "S " + s + ": weight " + pi);
        }
    }

    /**
     * docs/numerics.md "RMSNorm" step 4-5: for every width 1..4096 and every activation fraction
     * below 15, at every power-of-two boundary of v from n·EPS up, the gain fits 18 bits signed
     * (≤ 2^16) and the write-back shift stays ≥ 1 (the norm unit's narrow rounding needs it).
     */
    @Test
    void theNormGainFitsEighteenBitsAndTheShiftStaysPositive() {
        for (int n = 1; n <= 4096; n = n < 40 ? n + 1 : n * 2 - 1) {
            for (int fa = 0; fa < 15; fa++) {
                long floor = n * FixedMath.normEpsilon(fa);
                for (int b = 0; b < 62; b++) {
                    for (long v : new long[] {floor + (1L << b) - 1, floor + (1L << b), floor + (1L << b) + (1L << b) / 3}) {
                        if (v < floor || v > (1L << 61)) continue;
                        long rs = FixedMath.rsqrt(v);
                        long product = FixedMath.rsqrtMantissa(rs) * FixedMath.sqrtConstant(n);
                        int k = FixedMath.gainShift(product);
                        long gain = FixedMath.rnd(product, 15 + k);
                        int shift = 15 + FixedMath.rsqrtExponent(rs) / 2 - fa - k;
                        String at = "n " + n + ", Fa " + fa + ", v " + v;
                        assertTrue(gain > 0 && gain <= 1L << 16, at + ": gain " + gain);
                        assertTrue(shift >= 1, at + ": shift " + shift);
                    }
                }
            }
        }
    }

    @Test
    void roundHalfUpAndSaturation() {
        assertEquals(2, FixedMath.rnd(3, 1));
        assertEquals(-1, FixedMath.rnd(-3, 1));     // −1.5 → −1 (ties toward +∞)
        assertEquals(-2, FixedMath.rnd(-5, 1));     // −2.5 → −2
        assertEquals(-2, FixedMath.rnd(-7, 2));     // −1.75 → −2
        assertEquals(12, FixedMath.rnd(3, -2));
        assertEquals(32767, FixedMath.sat(40000, 16));
        assertEquals(-32768, FixedMath.sat(-40000, 16));
        assertEquals(Long.MAX_VALUE, FixedMath.rnd(1L << 40, -30), "left shifts saturate instead of wrapping");
        assertEquals(4096, FixedMath.quantize(1.0, 12, 16));
        assertEquals(-2048, FixedMath.quantize(-0.5, 12, 16));
        assertEquals(1, FixedMath.quantize(0.5 / 4096, 12, 16), "half a step rounds up");
        assertEquals(0, FixedMath.quantize(-0.5 / 4096, 12, 16), "minus half a step rounds up to 0");
        assertEquals(32767, FixedMath.quantize(100, 12, 16));
        assertEquals(0, FixedMath.quantize(Double.NaN, 12, 16));
    }

    @Test
    void tablesFollowTheirFormulas() {
        assertEquals(96, FixedMath.RSQRT_TABLE.length);
        assertEquals(32515, FixedMath.RSQRT_TABLE[0]);
        assertEquals(16416, FixedMath.RSQRT_TABLE[95]);
        assertEquals(64, FixedMath.RECIP_TABLE.length);
        assertEquals(32514, FixedMath.RECIP_TABLE[0]);
        assertEquals(16448, FixedMath.RECIP_TABLE[63]);
        assertEquals(32768, FixedMath.EXP_HI[0]);
        assertEquals(Math.round(32768 * Math.exp(-1)), FixedMath.EXP_HI[16]);
        assertEquals(32768, FixedMath.expNeg(0, 12));
        assertEquals(257, FixedMath.GELU_TABLE.length);
        assertEquals(0, FixedMath.GELU_TABLE[0]);
    }

    @Test
    void rsqrtIsWithin2e4Relative() {
        double worst = 0;
        for (long v = 1; v < 1L << 40; v = v * 3 / 2 + 1) {
            for (long w = v; w < v + 50; w++) {
                long packed = FixedMath.rsqrt(w);
                double approx = FixedMath.rsqrtMantissa(packed) / 32768.0 * Math.pow(2, -FixedMath.rsqrtExponent(packed) / 2.0);
                worst = Math.max(worst, Math.abs(approx * Math.sqrt(w) - 1));
            }
        }
        assertTrue(worst < 2e-4, "worst relative error " + worst);
    }

    @Test
    void reciprocalIsWithin1e4Relative() {
        double worst = 0;
        for (long s = 32768; s < 32768L * 4096; s += 7) {
            long packed = FixedMath.recip(s);
            double approx = (packed >>> 32) / 32768.0 * Math.pow(2, -(int) packed);
            worst = Math.max(worst, Math.abs(approx * s - 1));
        }
        assertTrue(worst < 1e-4, "worst relative error " + worst);
    }

    @Test
    void expIsWithinHalfAPercentAndAnLsb() {
        for (long d = 0; d >= -20 * 4096; d--) {
            double exact = 32768 * Math.exp(d / 4096.0);
            long got = FixedMath.expNeg(d, 12);
            assertTrue(Math.abs(got - exact) <= 1 + exact * 6e-4, "exp(" + d / 4096.0 + ") = " + got + ", exact " + exact);
        }
        assertEquals(0, FixedMath.expNeg(-16 * 4096, 12));
    }

    @Test
    void geluIsWithinTwoLsbOfTheFloatGelu() {
        for (long x = -32768; x < 32768; x++) {
            double exact = FloatArithmetic.gelu(x / 4096.0) * 4096;
            long got = FixedMath.gelu(x, 12, 16);
            assertTrue(Math.abs(got - exact) <= 2, "gelu(" + x / 4096.0 + ") = " + got + ", exact " + exact);
        }
    }

    @Test
    void xorshift32FirstValuesAndSeedRule() {
        assertEquals(270369, FixedMath.xorshift32(1));
        assertEquals(0x9E3779B9 ^ 2, FixedMath.seedState(2));
        assertEquals(0x9E3779B9, FixedMath.seedState(0x9E3779B9L), "a seed that would give state 0");
        // The generator never reaches 0 and has no short cycle from the default seed.
        int x = FixedMath.seedState(0);
        for (int i = 0; i < 100000; i++) {
            x = FixedMath.xorshift32(x);
            assertTrue(x != 0);
        }
    }

    @Test
    void samplerPicksByCumulativeWeightsAndArgmaxTakesTheLowestIndexOnTies() {
        long[] z = {0, 0, 4096 * 20};     // the last is e^20 times likelier: always chosen
        long invT = FixedMath.inverseTemperature(1.0);
        assertEquals(65536, invT);
        for (int r : new int[] {0, 1, 0x7FFFFFFF, -1}) assertEquals(2, FixedMath.sample(z, invT, 12, r));
        long[] even = {5, 5};             // equal weights 32768 each: r below half picks 0
        assertEquals(0, FixedMath.sample(even, invT, 12, 0x7FFFFFFF));
        assertEquals(1, FixedMath.sample(even, invT, 12, 0x80000000));
        assertEquals(1, FixedMath.argmax(new long[] {1, 7, 7, 3}));
    }

    @Test
    void scoreScaleIsAShiftForPowersOfFour() {
        assertEquals(1, FixedMath.powerOfFour(4));
        assertEquals(2, FixedMath.powerOfFour(16));
        assertEquals(-1, FixedMath.powerOfFour(8));
        assertEquals(-1, FixedMath.powerOfFour(6));
        // q·k = 2.0 (raw in units 2^-24), hd 4 → 1.0
        assertEquals(4096, FixedMath.attentionScore(2L << 24, 4, 12));
        // hd 2 → 2/√2 = 1.41421 → 5793 in q.12
        assertEquals(Math.round(4096 * Math.sqrt(2)), FixedMath.attentionScore(2L << 24, 2, 12));
    }
}
