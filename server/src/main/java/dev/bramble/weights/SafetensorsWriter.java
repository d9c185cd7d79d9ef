package dev.bramble.weights;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Writes the safetensors format with F32 tensors: an 8-byte little-endian header length, the
 * JSON header ({@code name -> {dtype, shape, data_offsets}}, plus {@code __metadata__} of
 * strings), padded with spaces to a multiple of 8 bytes as the reference writer does, then the
 * tensors' little-endian bytes in the order given. The same input gives the same bytes.
 */
public final class SafetensorsWriter {
    /** One tensor to write: its key, row-major shape and values (rounded to the nearest float). */
    public record Entry(String name, List<Integer> shape, double[] values) {
        public Entry {
            shape = List.copyOf(shape);
            long n = 1;
            for (int d : shape) n *= d;
            if (n != values.length) throw new IllegalArgumentException(name + ": shape " + shape + " but " + values.length + " values");
        }
    }

    private SafetensorsWriter() {}

    /** The file's bytes. */
    public static byte[] bytes(List<Entry> tensors, Map<String, String> metadata) {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (Entry t : tensors) {
            if (t.name().equals("__metadata__") || header.has(t.name())) throw new IllegalArgumentException("duplicate or reserved name " + t.name());
            JsonObject o = new JsonObject();
            o.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (int d : t.shape()) shape.add(d);
            o.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += 4L * t.values().length;
            offsets.add(offset);
            o.add("data_offsets", offsets);
            header.add(t.name(), o);
        }
        byte[] json = new GsonBuilder().disableHtmlEscaping().create().toJson(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        if (8L + padded + offset > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too large for one array");
        ByteBuffer out = ByteBuffer.allocate((int) (8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) out.put((byte) ' ');
        for (Entry t : tensors) {
            for (double v : t.values()) out.putFloat((float) v);
        }
        return out.array();
    }

    /**
     * Writes {@code file} whole or not at all: the bytes go to a temporary file beside it, which
     * then replaces it, so an interrupted run never leaves a truncated weights file.
     */
    public static void write(Path file, List<Entry> tensors, Map<String, String> metadata) throws IOException {
        byte[] data = bytes(tensors, metadata);
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        // Not Files.createTempFile: its owner-only permissions would carry over to the result.
        Path temp = dir.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.write(temp, data);
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
