package dev.bramble.project;

import dev.bramble.errors.UserError;
import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads .bramble files from disk for the command line, turning every I/O failure into a {@link UserError}. */
public final class DesignFiles {
    /**
     * Larger than any description a person writes (the language reads at most
     * {@link dev.bramble.lang.source.Limits#MAX_CHARS} characters); protects against pointing at a binary by mistake.
     */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private DesignFiles() {}

    public static Design load(Path path) throws UserError {
        return Bramble.analyze(path.toString(), read(path));
    }

    public static String read(Path path) throws UserError {
        try {
            if (Files.isDirectory(path)) {
                throw new UserError(path + ": is a directory; give the path of a .bramble file");
            }
            // Follows links: a link to /dev/zero is a device, a FIFO would block: only regular files are opened.
            java.nio.file.attribute.BasicFileAttributes attributes =
                    Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new UserError(path + ": is not a regular file (a pipe, a device or a socket); give the path of a .bramble file");
            }
            if (attributes.size() > MAX_BYTES) {
                throw new UserError(path + ": is larger than 4 MiB (" + attributes.size() + " bytes); that is not a model description");
            }
            byte[] bytes = readBounded(path, (int) attributes.size());
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new UserError(path + ": no such file; check the path (it is relative to " + Path.of("").toAbsolutePath() + ")");
        } catch (AccessDeniedException e) {
            throw new UserError(path + ": permission denied; make the file readable");
        } catch (CharacterCodingException e) {
            throw new UserError(path + ": is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new UserError(path + ": cannot be read (" + e.getMessage() + ")");
        } catch (java.nio.file.InvalidPathException e) {
            throw new UserError("'" + e.getInput().replace('\0', '?') + "' cannot name a file (" + e.getReason() + ")");
        }
    }

    /** At most {@code size} + 1 bytes: a file that grows past its size while read is refused, not followed. */
    private static byte[] readBounded(Path path, int size) throws IOException, UserError {
        try (java.io.InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(size);
            if (in.read() >= 0) throw new UserError(path + ": grew while it was read; try again");
            return bytes;
        }
    }
}
