package dev.bramble.project;

import dev.bramble.device.Device;
import dev.bramble.device.DeviceCatalog;
import dev.bramble.estimate.BudgetCheck;
import dev.bramble.estimate.Estimate;
import dev.bramble.estimate.Estimator;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Target;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.source.Limits;
import dev.bramble.plan.Planner;
import dev.bramble.weights.WeightsCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one analysis pipeline behind {@code bramble check}, {@code bramble estimate} and the
 * language server: the language's diagnostics, the weights file's, every target's estimate and
 * its budget diagnostics, merged in one order (by start position; ties keep the stage order
 * language, weights, budget) and capped. Front ends only choose what to show of the result.
 */
public final class DesignChecks {
    private DesignChecks() {}

    /** What the pipeline found for one design. {@code diagnostics} are sorted and capped. */
    public record Result(Design design, List<Diagnostic> diagnostics, List<TargetEstimate> estimates) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
            estimates = List.copyOf(estimates);
        }

        public Optional<TargetEstimate> target(String name) {
            return estimates.stream().filter(t -> t.target().name().equals(name)).findFirst();
        }
    }

    /**
     * Every check. {@code baseDir} is the folder weights paths are relative to (the .bramble
     * file's); {@code checkpoint} runs between stages and may throw (the editor's "this version
     * is stale" check) to stop early.
     */
    public static Result run(Design design, Path baseDir, Runnable checkpoint) {
        checkpoint.run();
        List<Diagnostic> weights = WeightsCheck.check(design, baseDir);
        return finish(design, weights, checkpoint);
    }

    /** As {@link #run} without reading the weights file: what {@code bramble estimate} needs. */
    public static Result costs(Design design, Runnable checkpoint) {
        return finish(design, List.of(), checkpoint);
    }

    /** The sorted, capped diagnostics of {@link #run}: {@code bramble check}. */
    public static List<Diagnostic> all(Design design, Path baseDir) {
        return run(design, baseDir, () -> {}).diagnostics();
    }

    private static Result finish(Design design, List<Diagnostic> weights, Runnable checkpoint) {
        List<TargetEstimate> estimates = new ArrayList<>();
        List<Diagnostic> all = new ArrayList<>(design.diagnostics());
        all.addAll(weights);
        for (Target t : design.targets()) {
            checkpoint.run();
            TargetEstimate te = estimate(design, t);
            estimates.add(te);
            all.addAll(te.budget());
        }
        all.sort(Comparator.comparing((Diagnostic d) -> d.range().start()));   // stable: stage order on ties
        return new Result(design, Limits.capped(all), estimates);
    }

    private static TargetEstimate estimate(Design design, Target target) {
        Device device = target.device() == null ? null : DeviceCatalog.standard().find(target.device()).orElse(null);
        Optional<Model> model = design.model();
        if (model.isEmpty()) return new TargetEstimate(target, device, null, "the file has no model", null, List.of());
        boolean modelOk = !design.hasErrors();
        Estimate estimate = null;
        String why = null;
        Throwable failure = null;
        if (device == null) why = "the part is not in the catalogue";
        else if (!modelOk) why = "fix the errors first";
        else if (target.lanes() < 1) why = "the target has no lanes";
        else {
            try {
                estimate = Estimator.estimate(Planner.plan(model.get(), target, device));
            } catch (RuntimeException | StackOverflowError e) {
                // A planning bug must not take the editor down; the CLI reports it loudly.
                why = "no estimate (" + e + ")";
                failure = e;
            }
        }
        List<Diagnostic> budget;
        try {
            budget = failure != null ? List.of() : BudgetCheck.check(design.source(), model.get(), target, modelOk, estimate);
        } catch (RuntimeException e) {
            budget = List.of(Limits.internal("checking the budget of target " + target.name(), e));
        }
        return new TargetEstimate(target, device, estimate, why, failure, budget);
    }

    public static Path baseDir(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of("") : parent;
    }
}
