package dev.bramble.rtl;

import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Target;
import dev.bramble.project.DesignFiles;
import dev.bramble.weights.ModelWeights;
import java.nio.file.Files;
import java.nio.file.Path;

/** A design file of the repository (path from its root) loaded as a copy with another lane count, for the RTL tests. */
record RepoDesign(Model model, Target target, Path sourceDir) {
    static RepoDesign withLanes(String file, int lanes, Path dir) throws Exception {
        return withLanes(file, lanes, null, dir);
    }

    /** As above, every target's part replaced by {@code device} (unless null or blank), its budget 100 %. */
    static RepoDesign withLanes(String file, int lanes, String device, Path dir) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("examples"))) root = root.getParent();
        Path copy = dir.resolve("model.bramble");
        String text = Files.readString(root.resolve(file)).replaceAll("lanes\\s+\\d+", "lanes " + lanes);
        if (device != null && !device.isBlank()) text = text.replaceAll("device\\s+\\S+", "device " + device).replaceAll("budget\\s+\\d+\\s*%", "budget 100 %");
        Files.writeString(copy, text);
        Design design = DesignFiles.load(copy);
        return new RepoDesign(design.model().orElseThrow(), design.target(null).orElseThrow(), root.resolve(file).getParent());
    }

    /** The weights, read relative to the original file's directory (not the copy's). */
    ModelWeights weights() throws Exception {
        return ModelWeights.load(model, sourceDir);
    }
}
