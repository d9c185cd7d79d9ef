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
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("examples"))) root = root.getParent();
        Path copy = dir.resolve("model.bramble");
        Files.writeString(copy, Files.readString(root.resolve(file)).replaceAll("lanes\\s+\\d+", "lanes " + lanes));
        Design design = DesignFiles.load(copy);
        return new RepoDesign(design.model().orElseThrow(), design.target(null).orElseThrow(), root.resolve(file).getParent());
    }

    /** The weights, read relative to the original file's directory (not the copy's). */
    ModelWeights weights() throws Exception {
        return ModelWeights.load(model, sourceDir);
    }
}
