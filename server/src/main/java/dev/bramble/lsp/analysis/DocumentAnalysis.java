package dev.bramble.lsp.analysis;

import dev.bramble.device.Device;
import dev.bramble.device.DeviceCatalog;
import dev.bramble.estimate.BudgetCheck;
import dev.bramble.weights.WeightsCheck;
import dev.bramble.estimate.Estimate;
import dev.bramble.estimate.Estimator;
import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.source.Limits;
import dev.bramble.lang.source.SourceText;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Target;
import dev.bramble.plan.Planner;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * Everything the features need about one version of one document, computed once and shared by
 * every request for that version (diagnostics, hover, hints, lenses, ...): the language layer's
 * design (the same analysis {@code bramble check} runs), the weights and budget diagnostics and each
 * target's estimate (the same plan and estimator {@code bramble estimate} uses). Immutable.
 *
 * @param uri      the document's URI as the client sent it
 * @param version  the client's version number of the text analysed
 */
public record DocumentAnalysis(String uri, int version, Design design, List<Diagnostic> checkDiagnostics,
                               List<TargetEstimate> estimates, Settings settings) {

    public DocumentAnalysis {
        checkDiagnostics = List.copyOf(checkDiagnostics);
        estimates = List.copyOf(estimates);
    }

    public static DocumentAnalysis analyze(String uri, int version, String text, Settings settings) {
        return analyze(uri, version, text, settings, () -> {});
    }

    /**
     * As above; {@code stale} is checked between the stages (language, budget, each target's
     * estimate), so a version the user has already typed past stops early instead of taking CPU
     * from the one that matters.
     */
    public static DocumentAnalysis analyze(String uri, int version, String text, Settings settings, CancelChecker stale) {
        Design design;
        try {
            design = Bramble.analyze(sourceName(uri), text);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // Bramble.analyze catches its own failures; this is the last line of defence.
            design = new Design(sourceName(uri), new SourceText(""), List.of(), List.of(),
                    List.of(Limits.internal("analysing the file", e)), List.of());
        }
        stale.checkCanceled();
        try {
            // The weights file is read from disk (cached by path and time), relative to the document.
            List<Diagnostic> checks = new ArrayList<>(WeightsCheck.check(design, baseDir(uri)));
            stale.checkCanceled();
            List<TargetEstimate> estimates = new ArrayList<>();
            java.util.Map<Target, Estimate> byTarget = new java.util.IdentityHashMap<>();
            for (Target t : design.targets()) {
                stale.checkCanceled();
                TargetEstimate te = estimate(design, t);
                estimates.add(te);
                if (te.available()) byTarget.put(t, te.estimate());
            }
            stale.checkCanceled();
            checks.addAll(BudgetCheck.check(design, byTarget::get));
            return new DocumentAnalysis(uri, version, design, checks, estimates, settings);
        } catch (java.util.concurrent.CancellationException superseded) {
            throw superseded;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // A bug in the weights check, the planner or the estimator: the language's own findings
            // still show, with one 'internal' diagnostic saying what to report; no estimates.
            return new DocumentAnalysis(uri, version, design, List.of(Limits.internal("checking weights and resources", e)),
                    List.of(), settings);
        }
    }

    private static TargetEstimate estimate(Design design, Target target) {
        Device device = target.device() == null ? null : DeviceCatalog.standard().find(target.device()).orElse(null);
        Optional<Model> model = design.model();
        if (device == null) return new TargetEstimate(target, null, null, "the part is not in the catalogue");
        if (model.isEmpty()) return new TargetEstimate(target, device, null, "the file has no model");
        if (design.hasErrors()) return new TargetEstimate(target, device, null, "fix the errors first");
        if (target.lanes() < 1) return new TargetEstimate(target, device, null, "the target has no lanes");
        try {
            Estimate e = Estimator.estimate(Planner.plan(model.get(), target, device));
            return new TargetEstimate(target, device, e, null);
        } catch (RuntimeException | StackOverflowError e) {
            // A planning bug must not take the editor down; the CLI reports it loudly.
            return new TargetEstimate(target, device, null, "no estimate (" + e + ")");
        }
    }

    /** Every diagnostic: the language layer's, then the weights' and the budget's. */
    public List<Diagnostic> allDiagnostics() {
        List<Diagnostic> all = new ArrayList<>(design.diagnostics());
        all.addAll(checkDiagnostics);
        return Limits.capped(all);
    }

    /** The target the editor shows: the {@code defaultTarget} setting when it exists, else the first. */
    public Optional<TargetEstimate> currentTarget() {
        if (settings.defaultTarget() != null) {
            for (TargetEstimate t : estimates) if (t.target().name().equals(settings.defaultTarget())) return Optional.of(t);
        }
        return estimates.isEmpty() ? Optional.empty() : Optional.of(estimates.get(0));
    }

    public Optional<TargetEstimate> target(String name) {
        if (name == null) return currentTarget();
        return estimates.stream().filter(t -> t.target().name().equals(name)).findFirst();
    }

    public SourceText source() {
        return design.source();
    }

    public String text() {
        return design.source().text();
    }

    /** A readable name for messages: the file path for file: URIs, else the URI itself. */
    /** The folder weights paths are relative to: the document's own, or the working directory. */
    static Path baseDir(String uri) {
        Path source = Path.of(sourceName(uri));
        return source.isAbsolute() && source.getParent() != null ? source.getParent() : Path.of("");
    }

    static String sourceName(String uri) {
        try {
            URI u = URI.create(uri);
            if ("file".equals(u.getScheme())) return Path.of(u).toString();
        } catch (RuntimeException e) {
            // not a URI we can map to a path: the URI is still a fine name
        }
        return uri;
    }
}
