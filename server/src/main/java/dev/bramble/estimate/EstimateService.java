package dev.bramble.estimate;

import dev.bramble.device.Device;
import dev.bramble.device.DeviceCatalog;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.Target;
import dev.bramble.plan.Planner;

import java.util.Optional;

/**
 * One call for editors and commands: the estimate of a design on one of its targets, or empty
 * when there is nothing trustworthy to estimate (language errors, no model, no such target,
 * unknown part — {@link BudgetCheck#check(Design)} reports those). Never throws.
 */
public final class EstimateService {
    private EstimateService() {}

    /** {@code targetName} null means the first target. */
    public static Optional<Estimate> estimate(Design design, String targetName) {
        try {
            if (design.hasErrors() || design.model().isEmpty()) return Optional.empty();
            Target target = design.target(targetName).orElse(null);
            if (target == null || target.lanes() < 1) return Optional.empty();
            Device device = DeviceCatalog.standard().find(target.device()).orElse(null);
            if (device == null) return Optional.empty();
            return Optional.of(Estimator.estimate(Planner.plan(design.model().get(), target, device)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
