package dev.bramble.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights files that are not what they claim are refused without reading; failures are remembered per (path, size, mtime). */
class WeightsFailureCacheTest {
    @TempDir
    Path dir;

    @Test
    void aFailureIsRememberedUntilTheFileChanges() throws Exception {
        byte[] good = TestWriters.safetensors(List.of(new TestWriters.Array("w", "F32", new long[] {2}, new double[] {1, 2})));
        byte[] bad = good.clone();
        bad[0] = (byte) 0xff;   // header length far past the file
        Path file = dir.resolve("w.safetensors");
        Files.write(file, bad);
        FileTime time = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(file, time);
        assertThrows(WeightsFormatException.class, () -> WeightsLoader.load(file));
        // Same path, size and time: the remembered failure, not a new read (the good bytes are not seen).
        Files.write(file, good);
        Files.setLastModifiedTime(file, time);
        assertThrows(WeightsFormatException.class, () -> WeightsLoader.load(file));
        // A new modification time: read again.
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_001_000L));
        assertEquals(List.of("w"), List.copyOf(WeightsLoader.load(file).keySet()));
    }

    @Test
    void pipesDevicesAndDirectoriesAreNeverOpened() throws Exception {
        Path fifo = dir.resolve("pipe.safetensors");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        IOException e = assertThrows(IOException.class, () -> WeightsLoader.load(fifo));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        Path zero = Files.createSymbolicLink(dir.resolve("zero.safetensors"), Path.of("/dev/zero"));
        e = assertThrows(IOException.class, () -> WeightsLoader.load(zero));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        Path folder = Files.createDirectories(dir.resolve("folder.safetensors"));
        e = assertThrows(IOException.class, () -> WeightsLoader.load(folder));
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
    }
}
