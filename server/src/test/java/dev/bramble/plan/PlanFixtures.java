package dev.bramble.plan;

import dev.bramble.device.DeviceCatalog;
import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import dev.bramble.project.DesignFiles;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: the repository's examples, planned for a target with a given lane count. */
public final class PlanFixtures {
    private PlanFixtures() {}

    public static Path repoFile(String relative) {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve(relative))) p = p.getParent();
        if (p == null) throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
        return p.resolve(relative);
    }

    public static Design example(String name) throws Exception {
        return DesignFiles.load(repoFile("examples/" + name + "/" + name + ".bramble"));
    }

    /** The example with its first target's lanes (and optionally device) replaced. */
    public static Design exampleWith(String name, int lanes, String device) throws Exception {
        String text = Files.readString(repoFile("examples/" + name + "/" + name + ".bramble"));
        text = text.replaceFirst("lanes\\s+\\d+", "lanes   " + lanes);
        if (device != null) text = text.replaceFirst("device\\s+\\S+", "device  " + device);
        return Bramble.analyze(name + ".bramble", text);
    }

    public static Plan plan(Design design) {
        var target = design.target(null).orElseThrow();
        var device = DeviceCatalog.standard().find(target.device()).orElseThrow();
        return Planner.plan(design.model().orElseThrow(), target, device);
    }
}
