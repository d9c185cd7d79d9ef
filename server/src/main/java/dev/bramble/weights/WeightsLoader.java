package dev.bramble.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads a weights file (safetensors, .npy, .npz) into named {@link StoredTensor}s. Results are
 * cached by absolute path, modification time and size, so the editor can re-check on every
 * keystroke without re-reading the file.
 */
public final class WeightsLoader {
    /** Far larger than any model meant for on-chip memory; a bigger file is refused before reading. */
    static final long MAX_FILE_BYTES = 256L << 20;

    private record Key(Path path, long modified, long size) {}

    /** Per path: the key it was read under and its tensors, or the failure (an exception) to repeat. */
    private static final Map<Path, Map.Entry<Key, Object>> CACHE = new ConcurrentHashMap<>();

    private WeightsLoader() {}

    /** How long the analysis waits for a weights file before reporting it; the read goes on in the background. */
    public static final long READ_TIMEOUT_MILLIS = 5_000;

    /** File I/O runs here, off the analysis threads: a hung file system stalls these, never the editor. */
    private static final java.util.concurrent.ExecutorService IO = new java.util.concurrent.ThreadPoolExecutor(2, 2,
            0, java.util.concurrent.TimeUnit.MILLISECONDS, new java.util.concurrent.ArrayBlockingQueue<>(16), r -> {
                Thread t = new Thread(r, "bramble-weights-io");
                t.setDaemon(true);
                return t;
            });

    /**
     * {@link #load(Path)} on an I/O thread, waiting at most {@code timeoutMillis}: a file on a
     * stalled network drive is reported as unreadable instead of holding the caller.
     */
    public static Map<String, StoredTensor> load(Path file, long timeoutMillis) throws IOException, WeightsFormatException {
        java.util.concurrent.Future<Map<String, StoredTensor>> read;
        try {
            read = IO.submit(() -> load(file));
        } catch (java.util.concurrent.RejectedExecutionException busy) {
            throw new IOException("earlier reads of weights files have not finished (a stalled file system?); try again later");
        }
        try {
            return read.get(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException slow) {
            throw new IOException("reading took more than " + timeoutMillis / 1000 + " s (a slow or stalled file system?)");
        } catch (InterruptedException interrupted) {
            read.cancel(true);
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while reading weights");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof WeightsFormatException format) throw format;
            if (cause instanceof RuntimeException runtime) throw runtime;
            if (cause instanceof Error error) throw error;
            throw new IOException(cause);
        }
    }

    /**
     * The tensors of {@code file}, keyed by name, in file order.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws IOException when it cannot be read
     * @throws WeightsFormatException when it is not a valid file of its kind
     */
    public static Map<String, StoredTensor> load(Path file) throws IOException, WeightsFormatException {
        Path path = file.toAbsolutePath().normalize();
        // Follows symbolic links: a link to /dev/zero is judged by what it points at.
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (attributes.isDirectory()) throw new IOException("is a directory, not a weights file");
        if (!attributes.isRegularFile()) {
            // A FIFO would block the reader forever, a device (/dev/zero) never ends: never open them.
            throw new IOException("is not a regular file (a pipe, a device or a socket); point 'weights' at a .safetensors, .npz or .npy file");
        }
        Key key = new Key(path, attributes.lastModifiedTime().toMillis(), attributes.size());
        Map.Entry<Key, Object> cached = CACHE.get(path);
        if (cached != null && cached.getKey().equals(key)) {
            // Failures are remembered too: a bad file is not re-read on every keystroke.
            if (cached.getValue() instanceof WeightsFormatException e) throw new WeightsFormatException(e.getMessage());
            if (cached.getValue() instanceof IOException e) throw new IOException(e.getMessage());
            @SuppressWarnings("unchecked")
            Map<String, StoredTensor> tensors = (Map<String, StoredTensor>) cached.getValue();
            return tensors;
        }
        try {
            Map<String, StoredTensor> tensors = read(path, attributes.size());
            CACHE.put(path, Map.entry(key, tensors));
            return tensors;
        } catch (WeightsFormatException | IOException e) {
            if (!(e instanceof java.nio.file.NoSuchFileException)) CACHE.put(path, Map.entry(key, e));
            throw e;
        }
    }

    private static Map<String, StoredTensor> read(Path path, long size) throws IOException, WeightsFormatException {
        if (size > MAX_FILE_BYTES) {
            throw new WeightsFormatException("the file has " + size + " bytes, more than the 256 MiB Bramble reads; models for on-chip memory are far smaller");
        }
        String name = path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        List<StoredTensor> list;
        if (lower.endsWith(".npz")) {
            list = NpzReader.read(path, MAX_FILE_BYTES);
        } else if (lower.endsWith(".npy")) {
            String stem = name.substring(0, name.length() - 4);
            list = List.of(NpyReader.read(stem, readAll(path, size)));
        } else if (lower.endsWith(".safetensors") || lower.endsWith(".st")) {
            checkSafetensorsHeader(path, size);
            list = SafetensorsReader.read(readAll(path, size));
        } else {
            throw new WeightsFormatException("unknown weights file type '" + name + "'; use .safetensors, .npz or .npy");
        }
        Map<String, StoredTensor> byName = new LinkedHashMap<>();
        for (StoredTensor t : list) {
            if (byName.put(t.name(), t) != null) throw new WeightsFormatException("tensor '" + t.name() + "' appears twice");
        }
        return Collections.unmodifiableMap(byName);
    }

    /** The 8-byte header length against the file's size, before the file is read. */
    private static void checkSafetensorsHeader(Path path, long size) throws IOException, WeightsFormatException {
        if (size < 8) return;   // the reader reports it
        ByteBuffer head = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (head.hasRemaining() && channel.read(head) > 0) { /* fill */ }
        }
        if (head.hasRemaining()) return;
        long headerLength = head.getLong(0);
        if (headerLength < 2 || headerLength > SafetensorsReader.MAX_HEADER || headerLength > size - 8) {
            throw new WeightsFormatException("not a valid safetensors file: the header length is " + Long.toUnsignedString(headerLength)
                    + " bytes but the file has " + (size - 8) + " bytes after it (truncated or not safetensors)");
        }
    }

    /**
     * Reads the file's {@code size} bytes (checked against {@link #MAX_FILE_BYTES} above) and
     * no more, in bounded chunks: a file that grows while it is read is reported, not followed.
     * Not memory-mapped: a mapping of a file the user overwrites later would fault when a cached
     * tensor is converted.
     */
    private static ByteBuffer readAll(Path path, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) throw new IOException("the file shrank while it was read; try again");
            }
            if (channel.read(ByteBuffer.allocate(1)) > 0) throw new IOException("the file grew while it was read; try again");
        }
        return buffer.flip();
    }
}
