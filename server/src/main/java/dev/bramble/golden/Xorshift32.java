package dev.bramble.golden;

import dev.bramble.numerics.FixedMath;
/** The sampler's random numbers (numerics.md, Sample): xorshift32 seeded by {@link FixedMath#seedState}. */
public final class Xorshift32 {
    private int state;

    public Xorshift32(long seed) {
        state = FixedMath.seedState(seed);
    }

    /** Advances and returns the new state (use as unsigned 32 bits). */
    public int next() {
        state = FixedMath.xorshift32(state);
        return state;
    }

    public int state() {
        return state;
    }
}
