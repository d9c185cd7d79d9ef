package dev.bramble.cli;

import dev.bramble.device.Device;
import dev.bramble.device.DeviceCatalog;
import dev.bramble.lang.Design;
import dev.bramble.lang.Diagnostic;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Target;
import dev.bramble.project.DesignFiles;
import dev.bramble.project.UserError;
import dev.bramble.weights.ModelWeights;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Shared by {@code emit}, {@code sim} and {@code synth}: a checked model, its weights and the chosen target. */
record HardwareInputs(Design design, ModelWeights weights, Target target) {
    static HardwareInputs load(Path file, String targetName) throws UserError {
        Design design = DesignFiles.load(file);
        for (Diagnostic d : design.diagnostics()) {
            if (d.isError()) {
                throw new UserError(DiagnosticPrinter.line(new FileDiagnostic(file.toString(), d))
                        + " (fix the errors 'bramble check " + file + "' lists first)");
            }
        }
        Model model = design.model().orElseThrow(() -> new UserError(file + ": has no model; add a 'model NAME { ... }' block"));
        Target target = design.target(targetName).orElse(null);
        if (target == null && targetName != null) {
            String known = design.targets().stream().map(Target::name).collect(Collectors.joining(", "));
            throw new UserError(file + ": has no target '" + targetName + "'" + (known.isEmpty() ? "; add a 'target NAME { ... }' block" : "; its targets are: " + known));
        }
        if (target == null) throw new UserError(file + ": has no target; add a 'target NAME { device ... lanes N }' block");
        ModelWeights weights = ModelWeights.load(model, file.toAbsolutePath().getParent());
        return new HardwareInputs(design, weights, target);
    }

    /** The target's part from the catalogue; an unknown or missing part names the file, line and what to do. */
    Device device(Path file) throws UserError {
        if (target.device() == null || target.device().isBlank()) {
            throw new UserError(file + ": target " + target.name() + " names no device; add 'device PART' ('bramble devices' lists the catalogue)");
        }
        int line = (target.deviceRange() != null ? target.deviceRange() : target.range()).start().line() + 1;
        return DeviceCatalog.standard().find(target.device()).orElseThrow(() -> new UserError(file + ":" + line + ": target "
                + target.name() + ": unknown device '" + target.device() + "'; 'bramble devices' lists the known parts"));
    }
}
