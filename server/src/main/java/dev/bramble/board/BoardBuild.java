package dev.bramble.board;

import com.google.gson.JsonObject;
import dev.bramble.errors.UserError;
import dev.bramble.tools.ToolError;
import dev.bramble.weights.ModelWeights;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** {@code bramble build}: the board design, then the iCE40 flow or a vendor project folder. */
public final class BoardBuild {
    /** What was built: text lines for the terminal and a JSON object; {@code ok} false when the clock is missed. */
    public record Result(boolean ok, List<String> lines, JsonObject json) {}

    private BoardBuild() {}

    public static Result run(ModelWeights weights, BoardTarget bt, Path dir, Duration timeout, Consumer<String> progress)
            throws UserError, ToolError {
        progress.accept("writing the " + bt.board().id() + " design to " + dir);
        BoardFiles files = BoardFiles.write(weights, bt, dir);
        JsonObject o = new JsonObject();
        o.addProperty("board", bt.board().id());
        o.addProperty("part", bt.board().device().name());
        o.addProperty("top", files.top());
        o.addProperty("dir", dir.toAbsolutePath().toString());
        o.addProperty("clockMHz", bt.clock().reachedMHz());
        o.addProperty("targetClockMHz", bt.target().clockMHz());
        o.addProperty("clock", bt.clock().describe());
        o.addProperty("baud", bt.baud());
        List<String> lines = new ArrayList<>();
        lines.add(bt.board().name() + " (" + bt.board().device().name() + "): " + files.top() + " in " + dir);
        lines.add("clock: " + bt.clock().describe());
        if (bt.board().family().id().equals("ice40")) {
            Ice40Build.Result r = Ice40Build.run(files, timeout, progress);
            o.addProperty("kind", "bitstream");
            o.addProperty("met", r.met());
            if (r.maxMHz() != null) o.addProperty("maxClockMHz", r.maxMHz());
            if (r.bin() != null) o.addProperty("bitstream", r.bin().toAbsolutePath().toString());
            o.addProperty("timingReport", dir.resolve("timing.txt").toAbsolutePath().toString());
            if (r.failure() != null) o.addProperty("failure", r.failure());
            o.addProperty("yosysSeconds", r.yosysSeconds());
            o.addProperty("nextpnrSeconds", r.nextpnrSeconds());
            JsonObject used = new JsonObject();
            r.used().forEach((bel, n) -> { if (n[0] > 0) used.addProperty(bel, n[0] + "/" + n[1]); });
            o.add("used", used);
            if (r.maxMHz() != null) {
                lines.add(String.format(Locale.ROOT, "timing: %.2f MHz reached, target %s MHz: %s", r.maxMHz(),
                        ClockPlan.fmt(r.targetMHz()), r.met() ? "met" : "NOT met"));
            }
            r.used().forEach((bel, n) -> { if (n[0] > 0) lines.add(String.format(Locale.ROOT, "  %-14s %5d of %5d", bel, n[0], n[1])); });
            if (r.failure() != null) lines.add("failed: " + r.failure());
            if (r.bin() != null) lines.add("bitstream: " + r.bin() + " (flash it: iceprog " + r.bin().getFileName() + ")");
            lines.add("timing report: " + dir.resolve("timing.txt"));
            return new Result(r.met(), lines, o);
        }
        List<String> written = VendorProject.write(files);
        o.addProperty("kind", "project");
        o.addProperty("met", (String) null);
        com.google.gson.JsonArray arr = new com.google.gson.JsonArray();
        written.forEach(arr::add);
        o.add("files", arr);
        lines.add("project: " + String.join(", ", written) + " (no open place and route for " + bt.board().family().name()
                + " here: run the vendor tools as " + dir.resolve("README.md") + " says)");
        return new Result(true, lines, o);
    }
}
