package dev.bramble.plan;

import java.util.List;

/**
 * The sequencer's steps for one position, run back to back with no idle cycles; positions
 * follow each other with no gap, so the distance between two output strobes is exactly
 * {@link #cyclesAt(int)}. Every step costs a constant plus a multiple of (t+1) at position t, so
 * the schedule's cycles are {@code constant + growth·(t+1)}: everything here is a closed form,
 * in time and memory independent of {@code context} (which the user may type as 999999999).
 */
public record Schedule(List<Step> steps, int context) {
    /** At most this many positions are listed by {@link #cyclesPerPosition()}. */
    public static final int LISTED_POSITIONS = 4096;

    public Schedule {
        steps = List.copyOf(steps);
    }

    /** Cycles every position costs, whatever the position. */
    public long constantCycles() {
        long n = 0;
        for (Step s : steps) n += (long) s.fixedIssue() + s.latency();
        return n;
    }

    /** Extra cycles per position (the attention steps' growth). */
    public long growthPerPosition() {
        long n = 0;
        for (Step s : steps) n += s.perPositionIssue();
        return n;
    }

    public long cyclesAt(int position) {
        return constantCycles() + growthPerPosition() * ((long) position + 1);
    }

    /**
     * Cycles for positions 0 … min(context, {@link #LISTED_POSITIONS})−1: every position for the
     * contexts on-chip models have, a bounded prefix for absurd ones (the rest follow the same line).
     */
    public long[] cyclesPerPosition() {
        int n = Math.max(0, Math.min(context, LISTED_POSITIONS));
        long[] out = new long[n];
        long constant = constantCycles();
        long growth = growthPerPosition();
        for (int t = 0; t < n; t++) out[t] = constant + growth * ((long) t + 1);
        return out;
    }

    /** Sum over positions 0 … context−1 of {@code step}'s cycles (closed form). */
    public static double totalCycles(Step step, int context) {
        double c = Math.max(context, 0);
        return c * ((double) step.fixedIssue() + step.latency()) + (double) step.perPositionIssue() * c * (c + 1) / 2;
    }

    /** Mean cycles per token over a full context (what tokens/s is computed from). */
    public double averageCycles() {
        if (context <= 0) return 0;
        // mean of (t+1) over t = 0 … context−1 is (context+1)/2
        return constantCycles() + growthPerPosition() * (context + 1.0) / 2.0;
    }
}
