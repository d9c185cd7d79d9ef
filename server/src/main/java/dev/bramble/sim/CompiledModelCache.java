package dev.bramble.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Built simulation binaries, kept by the hash of everything that went into them (the sources'
 * names and bytes, the build command), so that a second run of the same RTL — other weights,
 * seeds, prompts — skips the compile. The weights are not in the hash: the emitted design reads
 * its ROM images with {@code $readmemh} when the simulation starts, from the run's folder.
 *
 * <p>Where: {@code $BRAMBLE_CACHE_DIR}, else {@code $XDG_CACHE_HOME/bramble}, else
 * {@code ~/.cache/bramble}; a folder that cannot be written means no cache, never an error.
 */
public final class CompiledModelCache {
    private final Path root;

    public CompiledModelCache(Path root) {
        this.root = root;
    }

    /** The user's cache, or none when no home folder is known. */
    public static Optional<CompiledModelCache> standard() {
        String dir = System.getenv("BRAMBLE_CACHE_DIR");
        if (dir == null || dir.isBlank()) {
            String xdg = System.getenv("XDG_CACHE_HOME");
            String home = System.getProperty("user.home");
            if (xdg != null && !xdg.isBlank()) dir = Path.of(xdg, "bramble").toString();
            else if (home != null && !home.isBlank()) dir = Path.of(home, ".cache", "bramble").toString();
            else return Optional.empty();
        }
        return Optional.of(new CompiledModelCache(Path.of(dir).resolve("simulators")));
    }

    /** The key of a build: the command's words, then every source's name and bytes. */
    public static String key(List<String> command, List<Path> sources) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String word : command) {
                sha.update(word.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            for (Path s : sources) {
                sha.update(s.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(s));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The cached binary for {@code key}, if one was stored. */
    public Optional<Path> find(String key) {
        Path binary = root.resolve(key).resolve("sim");
        return Files.isRegularFile(binary) && Files.isExecutable(binary) ? Optional.of(binary) : Optional.empty();
    }

    /**
     * Stores a copy of {@code binary} under {@code key}: copied beside its place, then moved in,
     * so that a concurrent run never sees half a file. Failing to store is not an error.
     */
    public void store(String key, Path binary) {
        try {
            Path dir = Files.createDirectories(root.resolve(key));
            Path part = Files.createTempFile(dir, "sim", ".part");
            Files.copy(binary, part, StandardCopyOption.REPLACE_EXISTING);
            part.toFile().setExecutable(true);
            try {
                Files.move(part, dir.resolve("sim"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, dir.resolve("sim"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | SecurityException e) {
            // no cache this time: the build itself succeeded
        }
    }
}
