package dev.bramble.rtl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hand-written Verilog building blocks ({@code rtl-lib/} in the repository), packaged in
 * the jar under {@code /rtl-lib/}. The emitter copies the ones a design uses; tests compile
 * them with their testbenches.
 */
public final class RtlLibrary {
    private RtlLibrary() {}

    /** The text of {@code rtl-lib/FILE}, e.g. {@code "mac_lane.v"}. */
    public static String read(String file) {
        try (InputStream in = RtlLibrary.class.getResourceAsStream("/rtl-lib/" + file)) {
            if (in == null) throw new IllegalArgumentException("rtl-lib has no file " + file + " (is the jar built from a full checkout?)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code rtl-lib/FILE} into {@code dir} and returns the copy. */
    public static Path copy(String file, Path dir) {
        Path target = dir.resolve(file);
        try {
            Files.writeString(target, read(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
