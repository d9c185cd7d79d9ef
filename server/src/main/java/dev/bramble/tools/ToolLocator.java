package dev.bramble.tools;

import dev.bramble.errors.UserError;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds external tools: a setting (system property), an environment variable, or PATH. */
public final class ToolLocator {
    private final Map<String, String> environment;

    public ToolLocator(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static ToolLocator system() {
        return new ToolLocator(System.getenv());
    }

    /** The tool's executable, or a {@link UserError} carrying the one-line install hint. */
    public Path require(Tool tool) throws UserError {
        return find(tool).orElseThrow(() -> new UserError(tool.installHint()));
    }

    public Optional<Path> find(Tool tool) {
        String configured = System.getProperty(tool.systemProperty());
        if (configured == null || configured.isBlank()) configured = environment.get(tool.environmentVariable());
        if (configured != null && !configured.isBlank()) {
            // An explicit setting wins; when it points nowhere the tool counts as missing
            // rather than silently falling back to another copy on PATH.
            Path p = Path.of(configured);
            if (!p.isAbsolute() && !configured.contains(File.separator)) return onPath(configured);
            return isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        return onPath(tool.executable());
    }

    private Optional<Path> onPath(String name) {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    private static boolean isExecutable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
