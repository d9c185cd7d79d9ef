package dev.bramble.rtl;

import dev.bramble.device.DeviceCatalog;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Target;
import dev.bramble.plan.Plan;
import dev.bramble.plan.Planner;

/** The hardware plan for a model on a target, with the target's device from the catalogue (or none when it is unknown). */
public final class PlanSource {
    private PlanSource() {}

    public static Plan plan(Model model, Target target) {
        var device = target.device() == null ? null : DeviceCatalog.standard().find(target.device()).orElse(null);
        return Planner.plan(model, target, device);
    }
}
