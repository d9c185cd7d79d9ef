package dev.bramble.sim;

import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Target;
import dev.bramble.project.DesignFiles;
import dev.bramble.weights.ModelWeights;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the repository's examples (and edited copies of them) for the simulation tests. */
final class Examples {
    private Examples() {}

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("examples"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("no examples/ above " + Path.of("").toAbsolutePath());
        return p;
    }

    static Path file(String name) {
        return root().resolve("examples").resolve(name).resolve(name + ".bramble");
    }

    /** The example's text with {@code lanes}, and its output layer made 'argmax' or 'sample' as asked. */
    static String text(String name, int lanes, boolean argmax) throws Exception {
        String text = Files.readString(file(name));
        text = text.replaceAll("lanes\\s+\\d+", "lanes   " + lanes);
        if (argmax) text = text.replaceAll("sample temperature [0-9.]+ seed \\d+", "argmax");
        else text = text.replaceAll("(?m)^(\\s*)argmax\\b", "$1sample temperature 0.8 seed 11");
        if (!text.contains(argmax ? "argmax" : "sample temperature")) throw new IllegalStateException(name + ": no output layer to replace");
        return text;
    }

    record Loaded(ModelWeights weights, Target target) {}

    static Loaded load(String name, int lanes, boolean argmax, Path dir) throws Exception {
        Path copy = dir.resolve(name + ".bramble");
        Files.writeString(copy, text(name, lanes, argmax));
        Design design = DesignFiles.load(copy);
        if (design.hasErrors()) throw new AssertionError(design.diagnostics().toString());
        Model model = design.model().orElseThrow();
        // weights files are relative to the example's own directory, not to the edited copy
        return new Loaded(ModelWeights.load(model, file(name).getParent()), design.target(null).orElseThrow());
    }
}
