package dev.bramble.plan;

import java.util.List;

/**
 * One op of the core's program as the estimator and the simulation see it: its cycles at
 * position t are {@code fixedCycles + perPositionCycles·t}. {@code layer} is the estimate row
 * its cycles are charged to; {@code tensors} the weights it reads.
 */
public record Step(String name, StepKind kind, String layer, List<String> tensors, int fixedCycles, int perPositionCycles) {
    public Step {
        tensors = List.copyOf(tensors);
    }

    static Step of(CoreOp op, int lanes) {
        return new Step(op.label(), op.kind(), op.layer(), op.tensors(), op.fixedCycles(lanes), op.perPositionCycles(lanes));
    }

    public long cyclesAt(int position) {
        return fixedCycles + (long) perPositionCycles * position;
    }
}
