package dev.bramble.cli;

import dev.bramble.device.Device;
import dev.bramble.device.DeviceCatalog;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Target;
import dev.bramble.project.DesignFiles;
import dev.bramble.errors.UserError;
import dev.bramble.weights.ModelWeights;
import java.nio.file.Path;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code FILE [--target NAME]}: the design file and the target a command works on (a picocli
 * mixin), and the one place that turns them into a checked model, target, part and weights —
 * every problem a {@link UserError} that names the file (and line) and what to do.
 */
final class DesignTarget {
    @Parameters(paramLabel = "FILE", description = "the .bramble file")
    Path file;

    @Option(names = "--target", paramLabel = "NAME", description = "the target block (default: the first)")
    String target;

    /** The file's model without language errors (the first one is the error's message). */
    static Model checkedModel(Path file, Design design) throws UserError {
        for (Diagnostic d : design.diagnostics()) {
            if (d.isError()) {
                throw new UserError(DiagnosticPrinter.line(new FileDiagnostic(file.toString(), d))
                        + " (fix the errors 'bramble check " + file + "' lists first)");
            }
        }
        return design.model().orElseThrow(() -> new UserError(file + ": has no model; add a 'model NAME { ... }' block"));
    }

    /** The chosen target of a loaded design: {@code --target}, else the first. */
    Target target(Design design) throws UserError {
        Target t = design.target(target).orElse(null);
        if (t == null && target != null) {
            String known = design.targets().stream().map(Target::name).collect(Collectors.joining(", "));
            throw new UserError(file + ": has no target '" + target + "'" + (known.isEmpty() ? "; add a 'target NAME { ... }' block" : "; its targets are: " + known));
        }
        if (t == null) throw new UserError(file + ": has no target; add a 'target NAME { device ... lanes N }' block");
        return t;
    }

    /** The target's part from the catalogue; an unknown or missing part names the file, line and what to do. */
    Device device(Target t) throws UserError {
        if (t.device() == null || t.device().isBlank()) {
            throw new UserError(file + ": target " + t.name() + " names no device; add 'device PART' ('bramble devices' lists the catalogue)");
        }
        int line = (t.deviceRange() != null ? t.deviceRange() : t.range()).start().line() + 1;
        return DeviceCatalog.standard().find(t.device()).orElseThrow(() -> new UserError(file + ":" + line + ": target "
                + t.name() + ": unknown device '" + t.device() + "'; 'bramble devices' lists the known parts"));
    }

    /** What emit, sim and synth need: the checked model with its weights, and the target. */
    HardwareInputs hardware() throws UserError {
        Design design = DesignFiles.load(file);
        Model model = checkedModel(file, design);
        java.util.List<dev.bramble.lang.model.Features.Use> beyond = dev.bramble.plan.CoreProgram.unbuilt(model);
        if (!beyond.isEmpty()) {
            StringBuilder m = new StringBuilder();
            int shown = 0;
            for (var use : beyond) {
                if (shown++ == 8) {
                    m.append(System.lineSeparator()).append("bramble: ... and ").append(beyond.size() - 8)
                            .append(" more uses of features the hardware does not build yet");
                    break;
                }
                if (m.length() > 0) m.append(System.lineSeparator()).append("bramble: ");
                m.append(DiagnosticPrinter.line(new FileDiagnostic(file.toString(), Diagnostic.error(use.range(), "hardware-unsupported",
                        use.layer() + ": " + use.feature() + " is not yet supported in hardware; 'bramble check', 'estimate' and 'run'"
                                + " work on this model, 'emit', 'sim' and 'synth' do not yet"))));
            }
            throw new UserError(m.toString());
        }
        Target t = target(design);
        // what the plan cannot build on this target (a tied head with a bias, ...): on its line when it is one layer's
        var program = dev.bramble.plan.CoreProgram.of(model, t.lanes());
        if (program.problem().isPresent()) {
            if (program.problemRange().isPresent()) {
                throw new UserError(DiagnosticPrinter.line(new FileDiagnostic(file.toString(), Diagnostic.error(program.problemRange().get(),
                        "hardware-unsupported", program.problemMessage().orElseThrow()))));
            }
            throw new UserError(file + ": " + program.problem().get());
        }
        ModelWeights weights = ModelWeights.load(model, file.toAbsolutePath().getParent());
        return new HardwareInputs(design, weights, t);
    }
}
