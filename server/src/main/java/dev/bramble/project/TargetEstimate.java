package dev.bramble.project;

import dev.bramble.device.Device;
import dev.bramble.estimate.Estimate;
import dev.bramble.lang.model.Target;
import dev.bramble.lang.source.Diagnostic;
import java.util.List;

/**
 * One target's estimate as {@link DesignChecks} computes it for every front end. {@code device}
 * is null for a part the catalogue does not know; {@code estimate} is null when there is nothing
 * trustworthy to plan (language errors, unknown part, no lanes, a planning failure) and
 * {@code why} then says so. {@code failure} is the planner's or estimator's exception when that
 * is why (a bug: the CLI reports it as an internal error). {@code budget} are this target's
 * budget diagnostics (part, block RAM, DSP, logic, padding, clock), also in the design's list.
 */
public record TargetEstimate(Target target, Device device, Estimate estimate, String why, Throwable failure,
                             List<Diagnostic> budget) {
    public TargetEstimate {
        budget = List.copyOf(budget);
    }

    public boolean available() {
        return estimate != null;
    }
}
