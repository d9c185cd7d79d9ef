package dev.bramble.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes the scratch directories simulation and synthesis work in, so runs leave nothing behind. */
public final class TemporaryDirectories {
    private TemporaryDirectories() {}

    /** A new scratch directory in the system's temporary folder. */
    public static Path create(String prefix) throws dev.bramble.errors.UserError {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new dev.bramble.errors.UserError("cannot create a temporary directory: " + e.getMessage());
        }
    }

    /** Best effort: a file that cannot be deleted stays (it is in the system's temporary folder). */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the system's temporary-file cleaner
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
