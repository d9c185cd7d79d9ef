package dev.bramble.plan;

import java.util.List;

/**
 * The sequencer's steps for one position, run back to back with no idle cycles; positions
 * follow each other with no gap, so the distance between two output strobes is exactly
 * {@link #cyclesAt(int)}.
 */
public record Schedule(List<Step> steps, int context) {
    public Schedule {
        steps = List.copyOf(steps);
    }

    public long cyclesAt(int position) {
        long n = 0;
        for (Step s : steps) n += s.cyclesAt(position);
        return n;
    }

    /** Cycles for every position 0 … context−1. */
    public long[] cyclesPerPosition() {
        long[] out = new long[context];
        for (int t = 0; t < context; t++) out[t] = cyclesAt(t);
        return out;
    }

    /** Mean cycles per token over a full context (what tokens/s is computed from). */
    public double averageCycles() {
        long sum = 0;
        for (int t = 0; t < context; t++) sum += cyclesAt(t);
        return (double) sum / context;
    }
}
