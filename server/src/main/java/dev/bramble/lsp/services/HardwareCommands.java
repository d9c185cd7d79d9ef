package dev.bramble.lsp.services;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.bramble.estimate.EstimateJson;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Target;
import dev.bramble.lsp.analysis.BudgetNotification;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import dev.bramble.project.TargetEstimate;
import dev.bramble.errors.UserError;
import dev.bramble.rtl.Emitter;
import dev.bramble.sim.DesignSimulation;
import dev.bramble.sim.SimulationJson;
import dev.bramble.tools.ToolError;
import dev.bramble.synth.DesignSynthesis;
import dev.bramble.synth.SynthesisJson;
import dev.bramble.weights.ModelWeights;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The editor's one-click commands, on the same services as {@code bramble estimate|emit|sim}:
 * each takes the analysed document (the text as it is in the editor, weights read relative to
 * its file) and returns a JSON result. {@code progress} receives the stage being entered.
 * Problems the user can fix are {@link UserError}s with one clear sentence.
 */
public final class HardwareCommands {

    public JsonObject estimate(DocumentAnalysis analysis, String targetName) throws UserError {
        TargetEstimate t = target(analysis, targetName);
        if (!t.available()) throw new UserError("no estimate for target '" + t.target().name() + "': " + t.why());
        JsonObject o = BudgetNotification.of(withCurrent(analysis, t));
        // the same rows as bramble estimate --format json
        o.add("layers", EstimateJson.layers(t.estimate()));
        return o;
    }

    /** Writes the Verilog directory: {@code build/MODEL-TARGET} beside the .bramble file. */
    public JsonObject emit(DocumentAnalysis analysis, String targetName, Consumer<String> progress) throws UserError {
        Inputs in = inputs(analysis, targetName);
        progress.accept("reading weights");
        ModelWeights weights = ModelWeights.load(in.model, in.file.getParent());
        Path dir = in.file.getParent().resolve("build").resolve(in.model.name() + "-" + in.target.name());
        progress.accept("writing Verilog to " + dir);
        Emitter.Emitted e = Emitter.emit(weights, in.target, dir);
        JsonObject o = new JsonObject();
        o.addProperty("dir", dir.toString());
        o.addProperty("top", e.top());
        o.addProperty("testbench", e.testbench());
        o.addProperty("lanes", e.program().lanes());
        JsonArray files = new JsonArray();
        try (var listing = Files.list(dir)) {
            listing.sorted().forEach(p -> files.add(p.toString()));
        } catch (IOException ex) {
            throw new UserError(dir + ": written but cannot be listed (" + ex.getMessage() + ")");
        }
        o.add("files", files);
        o.addProperty("message", "Wrote " + files.size() + " files to " + dir + " (top module " + e.top() + ")");
        return o;
    }

    /**
     * Emits into a temporary directory, builds and runs the testbench in the configured simulator
     * and compares every logit with the reference model. Interrupting the calling thread kills
     * the simulator (that is how the editor cancels).
     */
    public JsonObject simulate(DocumentAnalysis analysis, String targetName, Consumer<String> progress)
            throws UserError, ToolError {
        Inputs in = inputs(analysis, targetName);
        progress.accept("reading weights");
        ModelWeights weights = ModelWeights.load(in.model, in.file.getParent());
        String simulator = analysis.settings().simulator();
        DesignSimulation.Result r = DesignSimulation.run(new DesignSimulation.Request(weights, in.target, 1, List.of(), null,
                simulator, null, null), stage -> progress.accept(stage.description()
                        + (stage == DesignSimulation.Stage.COMPILE || stage == DesignSimulation.Stage.RUN ? " in " + simulator : "")));
        JsonObject o = SimulationJson.of(r);
        o.addProperty("message", String.format(java.util.Locale.ROOT, "%s: %s, %d steps, %.0f cycles/token (plan: %.0f), sample \"%s\"",
                r.simulator(), r.bitExact() ? "bit-exact" : "MISMATCH", r.steps(), r.cyclesPerTokenMeasured(),
                r.cyclesPerTokenPredicted(), r.samples().isEmpty() ? "" : r.samples().get(0)));
        return o;
    }

    /**
     * Emits into a temporary directory and runs Yosys for the target's family: the mapped block
     * RAM, DSP cells, logic and flip-flops beside the estimate. Interrupting the calling thread
     * kills Yosys.
     */
    public JsonObject synth(DocumentAnalysis analysis, String targetName, Consumer<String> progress) throws UserError, ToolError {
        Inputs in = inputs(analysis, targetName);
        TargetEstimate t = target(analysis, targetName);
        if (t.device() == null) {
            throw new UserError("target '" + in.target.name() + "': unknown device '" + in.target.device() + "'; pick a part from the catalogue first");
        }
        progress.accept("reading weights");
        ModelWeights weights = ModelWeights.load(in.model, in.file.getParent());
        DesignSynthesis.Report r = DesignSynthesis.run(weights, in.target, t.device(), SYNTH_TIMEOUT, stage -> progress.accept(stage.description()));
        JsonObject o = SynthesisJson.of(r);
        var m = r.mapped();
        o.addProperty("message", String.format(java.util.Locale.ROOT,
                "Yosys on %s (%.0f s): %d %s (estimated %d), %d DSP cells (estimated %d), %d logic (estimated %d), %d flip-flops",
                t.device().base(), m.seconds(), m.bram(), t.device().family().blockRam().name(), r.estimatedBram(), m.dspCells(),
                r.estimatedDspCells(), m.logic(), r.estimate().lut(), m.ffs()));
        return o;
    }

    /** Long enough for the largest design the catalogue's parts hold; the user can cancel sooner. */
    private static final java.time.Duration SYNTH_TIMEOUT = java.time.Duration.ofMinutes(60);

    private record Inputs(Path file, Model model, Target target) {}

    private static Inputs inputs(DocumentAnalysis analysis, String targetName) throws UserError {
        Design design = analysis.design();
        Path file = path(analysis.uri());
        var firstError = design.diagnostics().stream().filter(d -> d.isError()).findFirst();
        if (firstError.isPresent()) {
            throw new UserError(file.getFileName() + ":" + (firstError.get().range().start().line() + 1) + ": "
                    + firstError.get().message() + " (fix the errors first)");
        }
        Model model = design.model().orElseThrow(() -> new UserError(file.getFileName() + ": has no model; add a 'model NAME { ... }' block"));
        return new Inputs(file, model, target(analysis, targetName).target());
    }

    private static TargetEstimate target(DocumentAnalysis analysis, String name) throws UserError {
        return analysis.target(name).orElseThrow(() -> new UserError(name == null
                ? "the file has no target; add a 'target NAME { device ... lanes N }' block"
                : "the file has no target '" + name + "'"));
    }

    private static DocumentAnalysis withCurrent(DocumentAnalysis a, TargetEstimate t) {
        return a.withSettings(new dev.bramble.lsp.analysis.Settings(a.settings().simulator(), a.settings().toolPaths(), a.settings().debounceMillis(), t.target().name()));
    }

    static Path path(String uri) throws UserError {
        try {
            URI u = URI.create(uri);
            if ("file".equals(u.getScheme())) return Path.of(u);
        } catch (RuntimeException e) {
            // fall through
        }
        throw new UserError(uri + " is not a file on disk; save it as a .bramble file first (weights and output are found beside it)");
    }
}
