package dev.bramble.lsp.services;

import com.google.gson.JsonObject;
import dev.bramble.board.BoardBuild;
import dev.bramble.board.BoardTarget;
import dev.bramble.errors.UserError;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Target;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import dev.bramble.tools.ToolError;
import dev.bramble.weights.ModelWeights;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * "Build bitstream": {@code bramble build} for the editor — the board top around the core, then
 * an iCE40 bitstream with its timing report, or a vendor project folder — written to
 * {@code build/TARGET} beside the .bramble file. The result is {@code bramble build --format
 * json}'s object plus a one-line {@code message} (timing met or not, the path to the .bin).
 */
public final class BoardBuildCommand {
    /** Long enough for nextpnr on a full part; the user can cancel sooner (that kills the tool). */
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    public JsonObject build(DocumentAnalysis analysis, String targetName, Consumer<String> progress) throws UserError, ToolError {
        Design design = analysis.design();
        Path file = HardwareCommands.path(analysis.uri());
        var firstError = design.diagnostics().stream().filter(d -> d.isError()).findFirst();
        if (firstError.isPresent()) {
            throw new UserError(file.getFileName() + ":" + (firstError.get().range().start().line() + 1) + ": "
                    + firstError.get().message() + " (fix the errors first)");
        }
        Model model = design.model().orElseThrow(() -> new UserError(file.getFileName() + ": has no model; add a 'model NAME { ... }' block"));
        Target target = analysis.target(targetName).orElseThrow(() -> new UserError(targetName == null
                ? "the file has no target; add a 'target NAME { board ... }' block" : "the file has no target '" + targetName + "'")).target();
        BoardTarget bt = BoardTarget.of(file.getFileName(), target, null);
        progress.accept("reading weights");
        ModelWeights weights = ModelWeights.load(model, file.getParent());
        Path dir = file.getParent().resolve("build").resolve(target.name());
        BoardBuild.Result r = BoardBuild.run(weights, bt, dir, TIMEOUT, progress);
        JsonObject o = r.json();
        String message;
        if (o.has("bitstream")) {
            message = String.format(java.util.Locale.ROOT, "Bitstream %s: timing met, %.2f MHz reached for %s MHz",
                    o.get("bitstream").getAsString(), o.get("maxClockMHz").getAsDouble(), trim(bt.clock().reachedMHz()));
        } else if (o.has("failure")) {
            message = "No bitstream: " + o.get("failure").getAsString() + " (" + dir.resolve("timing.txt") + ")";
        } else {
            message = "Project for " + bt.board().name() + " in " + dir + ": see its README.md";
        }
        o.addProperty("message", message);
        return o;
    }

    private static String trim(double mhz) {
        String s = String.format(java.util.Locale.ROOT, "%.4f", mhz).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
