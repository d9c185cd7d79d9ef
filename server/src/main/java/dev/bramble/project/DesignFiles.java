package dev.bramble.project;

import dev.bramble.lang.Bramble;
import dev.bramble.lang.Design;
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
    /** Larger than any description a person writes; protects against pointing at a binary by mistake. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private DesignFiles() {}

    public static Design load(Path path) throws UserError {
        return Bramble.analyze(path.toString(), read(path));
    }

    public static String read(Path path) throws UserError {
        try {
            if (Files.isDirectory(path)) {
                throw new UserError(path + ": is a directory; give the path of a .bramble file");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new UserError(path + ": is larger than 64 MiB; that is not a model description");
            }
            byte[] bytes = Files.readAllBytes(path);
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
        }
    }
}
