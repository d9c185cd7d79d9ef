package dev.bramble.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bramble.weights.SafetensorsWriter;
import dev.bramble.weights.StoredTensor;
import dev.bramble.weights.WeightsLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {
    @TempDir
    Path dir;

    static final List<SafetensorsWriter.Entry> TENSORS = List.of(
            new SafetensorsWriter.Entry("wte", List.of(2, 3), new double[] {1, -2, 0.5, 1e-3, -0.0, 3.25}),
            new SafetensorsWriter.Entry("layer0.attn_wq", List.of(1, 1), new double[] {0.1}));

    @Test
    void layoutFollowsTheSpecification() {
        byte[] bytes = SafetensorsWriter.bytes(TENSORS, Map.of("producer", "test"));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong(0);
        assertEquals(0, n % 8, "header padded to 8 bytes");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals("{\"__metadata__\":{\"producer\":\"test\"},"
                + "\"wte\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
                + "\"layer0.attn_wq\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[24,28]}}", header.stripTrailing());
        assertEquals(8 + n + 28, bytes.length);
        assertEquals(3.25f, b.getFloat((int) (8 + n + 20)));
        assertEquals(0.1f, b.getFloat((int) (8 + n + 24)));
    }

    @Test
    void theReferenceModelsReaderReadsBackTheFloatValues() throws Exception {
        Path file = dir.resolve("w.safetensors");
        SafetensorsWriter.write(file, TENSORS, Map.of());
        Map<String, StoredTensor> read = WeightsLoader.load(file);
        assertEquals(List.of("wte", "layer0.attn_wq"), List.copyOf(read.keySet()));
        assertArrayEquals(new long[] {2, 3}, read.get("wte").shape());
        double[] expected = new double[6];
        for (int i = 0; i < 6; i++) expected[i] = (float) TENSORS.get(0).values()[i];
        assertArrayEquals(expected, read.get("wte").values());
        assertArrayEquals(new double[] {0.1f}, read.get("layer0.attn_wq").values());
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "no temporary file left behind");
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Path plain = dir.resolve("plain");
            Files.write(plain, new byte[0]);
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file),
                    "the weights file gets the permissions of any new file, not a temp file's owner-only ones");
        }
    }
}
