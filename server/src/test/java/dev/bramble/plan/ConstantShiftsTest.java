package dev.bramble.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.Model;
import dev.bramble.numerics.FixedMath;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * A multiply by a constant that is a power of two is a shift, and the plan lists no multiplier
 * for it: the norm unit's √n (every norm of one power-of-four width), LayerNorm's 2^24/n (every
 * LayerNorm of one power-of-two width) and the sampler's 1/T (T a power of two; any other T is
 * shifts and adds, fx_cmul.v, never a multiplier). Whether the
 * emitted core builds exactly the multipliers listed is MultiplierInventoryTest's job.
 */
class ConstantShiftsTest {
    static Model model(int width, int otherWidth, boolean layerNorm, double temperature) {
        String norm = layerNorm ? "layernorm" : "rmsnorm";
        String text = "model m {\n    input x [" + width + "] q4.4\n    weights random seed 1\n    numeric weights q2.6, activations q8.8\n"
                + "    " + norm + "\n    linear a [" + width + " -> " + otherWidth + "]\n    " + norm + "\n    linear b [" + otherWidth + " -> 5]\n"
                + "    sample temperature " + temperature + " seed 1\n}\n";
        Design d = Bramble.analyze("m.bramble", text);
        assertFalse(d.hasErrors(), () -> d.diagnostics() + "\n" + text);
        return d.model().orElseThrow();
    }

    @Property(tries = 80)
    void aNormsConstantIsAShiftExactlyWhenEveryNormsIsOnePowerOfTwo(@ForAll @IntRange(min = 1, max = 300) int width,
                                                                     @ForAll @IntRange(min = 1, max = 300) int other, @ForAll boolean layerNorm) {
        Model m = model(width, other, layerNorm, 1.0);
        long sqrt = FixedMath.sqrtConstant(width);
        boolean sqrtShift = sqrt == FixedMath.sqrtConstant(other) && Long.bitCount(sqrt) == 1;
        int shift = MultiplierInventory.normSqrtShift(m);
        assertEquals(sqrtShift, shift >= 0, "widths " + width + ", " + other);
        if (shift >= 0) assertEquals(sqrt, 1L << shift);

        long recip = FixedMath.reciprocalConstant(width);
        boolean recipShift = layerNorm && recip == FixedMath.reciprocalConstant(other) && Long.bitCount(recip) == 1;
        int r = MultiplierInventory.normRecipShift(m);
        assertEquals(recipShift, r >= 0, "widths " + width + ", " + other);
        if (r >= 0) assertEquals(recip, 1L << r);

        // a multiplier only where the two norms' constants differ: one constant is a shift or
        // shifts and adds (fx_cmul.v), whatever its value
        boolean sqrtOne = sqrt == FixedMath.sqrtConstant(other), recipOne = recip == FixedMath.reciprocalConstant(other);
        assertEquals(sqrtOne ? sqrt : -1, MultiplierInventory.normSqrtConstant(m), "widths " + width + ", " + other);
        long normMultipliers = MultiplierInventory.of(m, 2).stream().filter(x -> x.unit().equals(MultiplierInventory.NORM)).count();
        assertEquals((sqrtOne ? 0 : 1) + (layerNorm && !recipOne ? 1 : 0), normMultipliers, "the norm unit's own multipliers");
    }

    @Property(tries = 60)
    void theTemperatureIsAShiftExactlyWhenItsInverseIsAPowerOfTwoAndNeverAMultiplier(@ForAll @DoubleRange(min = 0.05, max = 100) double t,
                                                                   @ForAll @IntRange(min = -4, max = 5) int k, @ForAll boolean exact) {
        double temperature = exact ? Math.scalb(1.0, k) : t;
        long inv = FixedMath.inverseTemperature(temperature);
        int shift = MultiplierInventory.temperatureShift(temperature);
        assertEquals(Long.bitCount(inv) == 1, shift >= 0, "T = " + temperature);
        if (exact) assertEquals(16 - k, shift, "T = 2^" + k);
        Model m = model(16, 16, false, temperature);
        // no d x 1/T multiplier at all: a shift, or shifts and adds (fx_cmul.v) by 1/T's non-zero
        // digits in non-adjacent form — one digit exactly for a power of two, never more than its ones
        boolean own = MultiplierInventory.of(m, 2).stream()
                .anyMatch(x -> x.unit().equals(MultiplierInventory.SAMPLER) && x.b() == 26);
        assertFalse(own, "a d x 1/T multiplier; T = " + temperature);
        int digits = FixedMath.nafDigits(inv);
        assertEquals(shift >= 0, digits == 1, "T = " + temperature + ": 1/T = " + inv + " has " + digits + " non-adjacent-form digits");
        assertTrue(digits <= Long.bitCount(inv), "T = " + temperature);
    }
}
