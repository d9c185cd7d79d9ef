package dev.bramble.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
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

    private static final Map<Path, Map.Entry<Key, Map<String, StoredTensor>>> CACHE = new ConcurrentHashMap<>();

    private WeightsLoader() {}

    /**
     * The tensors of {@code file}, keyed by name, in file order.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws IOException when it cannot be read
     * @throws WeightsFormatException when it is not a valid file of its kind
     */
    public static Map<String, StoredTensor> load(Path file) throws IOException, WeightsFormatException {
        Path path = file.toAbsolutePath().normalize();
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (attributes.isDirectory()) throw new IOException("is a directory, not a weights file");
        Key key = new Key(path, attributes.lastModifiedTime().toMillis(), attributes.size());
        Map.Entry<Key, Map<String, StoredTensor>> cached = CACHE.get(path);
        if (cached != null && cached.getKey().equals(key)) return cached.getValue();
        Map<String, StoredTensor> tensors = read(path, attributes.size());
        CACHE.put(path, Map.entry(key, tensors));
        return tensors;
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
            list = List.of(NpyReader.read(stem, readAll(path)));
        } else if (lower.endsWith(".safetensors") || lower.endsWith(".st")) {
            list = SafetensorsReader.read(readAll(path));
        } else {
            throw new WeightsFormatException("unknown weights file type '" + name + "'; use .safetensors, .npz or .npy");
        }
        Map<String, StoredTensor> byName = new LinkedHashMap<>();
        for (StoredTensor t : list) {
            if (byName.put(t.name(), t) != null) throw new WeightsFormatException("tensor '" + t.name() + "' appears twice");
        }
        return Collections.unmodifiableMap(byName);
    }

    /**
     * Reads the whole file (its real size is bounded above). Not memory-mapped: a mapping of a file
     * the user overwrites later would fault when a cached tensor is converted.
     */
    private static ByteBuffer readAll(Path path) throws IOException {
        return ByteBuffer.wrap(Files.readAllBytes(path));
    }
}
