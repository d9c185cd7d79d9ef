package dev.bramble.plan;

import java.util.List;

/**
 * The core's ops for one position, run back to back with no idle cycles; positions follow each
 * other with no gap, so the distance between two output strobes is exactly {@link #cyclesAt}.
 * Every op is affine in the position, so totals over a context are closed forms: the work is
 * independent of {@code context}.
 */
public record Schedule(List<Step> steps, int context) {
    public Schedule {
        steps = List.copyOf(steps);
        context = Math.max(1, context);
    }

    /** The program's ops as steps, over {@code context} positions. */
    public static Schedule of(CoreProgram program, int context) {
        return new Schedule(program.ops().stream().map(op -> Step.of(op, program.lanes())).toList(), context);
    }

    /** Cycles of one position that do not depend on it. */
    public long fixedCycles() {
        long n = 0;
        for (Step s : steps) n += s.fixedCycles();
        return n;
    }

    /** Cycles each position adds over the one before it. */
    public long perPositionCycles() {
        long n = 0;
        for (Step s : steps) n += s.perPositionCycles();
        return n;
    }

    public long cyclesAt(int position) {
        return fixedCycles() + perPositionCycles() * position;
    }

    /** Cycles of a step at every position, summed over the context. */
    public static long cyclesOverContext(Step s, int context) {
        return (long) s.fixedCycles() * context + (long) s.perPositionCycles() * context * (context - 1L) / 2;
    }

    /** Mean cycles per token over a full context (what tokens/s is computed from). */
    public double averageCycles() {
        return fixedCycles() + perPositionCycles() * (context - 1) / 2.0;
    }
}
