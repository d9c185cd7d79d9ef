package dev.bramble.plan;

import java.util.List;

/**
 * One sequencer step. Its cycles at position t are
 * {@code fixedIssue + perPositionIssue·(t+1) + latency} (attention steps grow with the
 * position; every other step is constant). {@code layer} is the path of the layer the step
 * belongs to (its cycles are charged there); {@code tensors} the weights it reads.
 */
public record Step(String name, StepKind kind, String layer, List<String> tensors,
                   int fixedIssue, int perPositionIssue, int latency) {
    public Step {
        tensors = List.copyOf(tensors);
    }

    public int issueAt(int position) {
        return fixedIssue + perPositionIssue * (position + 1);
    }

    public int cyclesAt(int position) {
        return issueAt(position) + latency;
    }
}
