package dev.bramble.lsp.analysis;

import dev.bramble.device.Device;
import dev.bramble.estimate.Estimate;
import dev.bramble.lang.model.Target;

/**
 * One target's estimate as the editor shows it. {@code device} is null for a part the
 * catalogue does not know; {@code estimate} is null when there is nothing trustworthy to plan
 * (language errors, unknown part, no lanes) and {@code why} then says so.
 */
public record TargetEstimate(Target target, Device device, Estimate estimate, String why) {
    public boolean available() {
        return estimate != null;
    }
}
