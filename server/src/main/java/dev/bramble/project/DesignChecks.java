package dev.bramble.project;

import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.estimate.BudgetCheck;
import dev.bramble.weights.WeightsCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every check a design gets, in one place, so that {@code bramble check} and the editor report
 * the same things: the language's own diagnostics, then the weights file's.
 */
public final class DesignChecks {
    private DesignChecks() {}

    /** {@code baseDir} is the folder of the .bramble file (weights paths are relative to it). */
    public static List<Diagnostic> all(Design design, Path baseDir) {
        List<Diagnostic> all = new ArrayList<>(design.diagnostics());
        all.addAll(WeightsCheck.check(design, baseDir));
        all.addAll(BudgetCheck.check(design));
        all.sort(Comparator.comparing((Diagnostic d) -> d.range().start()));
        return dev.bramble.lang.source.Limits.capped(all);
    }

    public static Path baseDir(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of("") : parent;
    }
}
