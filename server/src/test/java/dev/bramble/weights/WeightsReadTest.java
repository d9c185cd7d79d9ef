package dev.bramble.weights;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightsReadTest {
    @TempDir
    Path dir;

    /** Values exactly representable in the dtype, so a round trip must return them bit for bit. */
    static double[] exactValues(String dtype, int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (dtype) {
                case "F64" -> r.nextGaussian();
                case "F32" -> (float) r.nextGaussian();
                case "F16" -> (r.nextInt(511) - 255) / 64.0;          // normal halves or 0
                case "BF16" -> (r.nextInt(255) - 127) / 16.0;         // 8 significant bits
                case "I8" -> r.nextInt(256) - 128;
                case "I16" -> r.nextInt(65536) - 32768;
                case "I32" -> r.nextInt();
                default -> throw new IllegalArgumentException(dtype);
            };
            if (dtype.equals("F16") && v[i] != 0 && Math.abs(v[i]) < 0x1p-14) v[i] = 0;
        }
        return v;
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void npyRoundTripBothEndiannessesBothOrdersBothVersions() throws Exception {
        double[] values = exactValues("F32", 12, 7);
        long[] shape = {3, 4};
        for (String descr : new String[] {"<f4", ">f4", "<f8", ">f8", "<i2", ">i4", "|i1", "<f2", ">f2"}) {
            double[] v = switch (descr.substring(1)) {
                case "i2" -> exactValues("I16", 12, 1);
                case "i4" -> exactValues("I32", 12, 2);
                case "i1" -> exactValues("I8", 12, 3);
                case "f2" -> exactValues("F16", 12, 4);
                default -> values;
            };
            for (boolean fortran : new boolean[] {false, true}) {
                for (int version : new int[] {1, 2}) {
                    String name = "a" + descr.replaceAll("[<>|]", "") + (descr.charAt(0) == '>' ? "be" : "le") + fortran + version;
                    Path p = write(name + ".npy", TestWriters.npy(descr, shape, v, fortran, version));
                    StoredTensor t = WeightsLoader.load(p).get(name);
                    assertArrayEquals(shape, t.shape(), name);
                    assertArrayEquals(v, t.values(), 0.0, name);
                }
            }
        }
    }

    @Test
    void fortranOrderOfThreeDimensionsIsReorderedToRowMajor() throws Exception {
        // shape (2, 3, 2): column-major element (i, j, k) sits at i + 2j + 6k.
        long[] shape = {2, 3, 2};
        double[] rowMajor = new double[12];
        double[] columnMajor = new double[12];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 2; k++) {
            double v = 100 * i + 10 * j + k;
            rowMajor[i * 6 + j * 2 + k] = v;
            columnMajor[i + 2 * j + 6 * k] = v;
        }
        ByteBuffer data = ByteBuffer.allocate(96).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : columnMajor) data.putDouble(v);
        byte[] header = TestWriters.npy("<f8", shape, new double[0], true, 1);
        // Replace the (empty) data of the written header with ours: same header, shape (2,3,2).
        byte[] file = new byte[header.length + 96];
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(data.array(), 0, file, header.length, 96);
        assertArrayEquals(rowMajor, WeightsLoader.load(write("cube.npy", file)).get("cube").values(), 0.0);
    }

    @Test
    void npzStoredAndDeflatedRoundTrip() throws Exception {
        double[] a = exactValues("F32", 6, 11);
        double[] b = exactValues("F64", 4, 12);
        for (boolean deflate : new boolean[] {false, true}) {
            byte[] zip = TestWriters.npz(TestWriters.entries(
                    "wte", TestWriters.npy("<f4", new long[] {2, 3}, a, false, 1),
                    "layer0.attn_wq", TestWriters.npy(">f8", new long[] {2, 2}, b, true, 1)), deflate);
            Map<String, StoredTensor> read = WeightsLoader.load(write("w" + deflate + ".npz", zip));
            assertArrayEquals(a, read.get("wte").values(), 0.0);
            assertArrayEquals(b, read.get("layer0.attn_wq").values(), 0.0);
            assertArrayEquals(new long[] {2, 2}, read.get("layer0.attn_wq").shape());
        }
    }

    @Test
    void loadingIsCachedByPathAndModificationTime() throws Exception {
        List<TestWriters.Array> one = List.of(new TestWriters.Array("x", "F32", new long[] {2}, new double[] {1, 2}));
        Path p = write("c.safetensors", TestWriters.safetensors(one));
        Map<String, StoredTensor> first = WeightsLoader.load(p);
        assertSame(first, WeightsLoader.load(p));
        List<TestWriters.Array> two = List.of(new TestWriters.Array("x", "F32", new long[] {3}, new double[] {1, 2, 3}));
        Files.write(p, TestWriters.safetensors(two));
        Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Map<String, StoredTensor> second = WeightsLoader.load(p);
        assertNotSame(first, second);
        assertArrayEquals(new double[] {1, 2, 3}, second.get("x").values(), 0.0);
    }

    // ---- corrupt files: each a clear message, no exception other than WeightsFormatException ----

    private String corrupt(String name, byte[] bytes) throws Exception {
        Path p = write(name, bytes);
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> WeightsLoader.load(p));
        return e.getMessage();
    }

    private static byte[] safetensorsWithHeader(String json, int dataBytes) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    @Test
    void safetensorsShorterThanItsHeaderLength() throws Exception {
        assertTrue(corrupt("tiny.safetensors", new byte[] {1, 2, 3}).contains("shorter than the 8-byte header length"));
    }

    @Test
    void safetensorsAbsurdHeaderLengthAllocatesNothing() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE - 3);
        String m = corrupt("absurd.safetensors", b.array());
        assertTrue(m.contains("header length is " + (Long.MAX_VALUE - 3)), m);
        ByteBuffer c = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L);
        assertTrue(corrupt("negative.safetensors", c.array()).contains("header length is 18446744073709551615"));
    }

    @Test
    void safetensorsTruncatedData() throws Exception {
        byte[] full = TestWriters.safetensors(List.of(new TestWriters.Array("w", "F32", new long[] {4, 4}, new double[16])));
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 10);
        String m = corrupt("cut.safetensors", cut);
        assertTrue(m.contains("tensor 'w'") && m.contains("truncated"), m);
    }

    @Test
    void safetensorsHeaderNotJson() throws Exception {
        assertTrue(corrupt("json.safetensors", safetensorsWithHeader("{not json", 0)).contains("not valid JSON"));
    }

    @Test
    void safetensorsUnknownDtype() throws Exception {
        String m = corrupt("dtype.safetensors", safetensorsWithHeader(
                "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2));
        assertTrue(m.contains("dtype 'F8_E4M3'") && m.contains("save it as F32"), m);
    }

    @Test
    void safetensorsByteCountDisagreesWithShape() throws Exception {
        String m = corrupt("count.safetensors", safetensorsWithHeader(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8));
        assertTrue(m.contains("has 8 bytes but shape [3] of F32 needs 12"), m);
    }

    @Test
    void safetensorsAbsurdShapeIsRefusedBeforeAllocating() throws Exception {
        String m = corrupt("huge.safetensors", safetensorsWithHeader(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[100000,100000,100000],\"data_offsets\":[0,4]}}", 4));
        assertTrue(m.contains("more than"), m);
        assertTrue(corrupt("neg.safetensors", safetensorsWithHeader(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4)).contains("negative dimension"));
    }

    @Test
    void safetensorsEntryWithoutFields() throws Exception {
        assertTrue(corrupt("fields.safetensors", safetensorsWithHeader("{\"w\":{\"dtype\":\"F32\"}}", 0))
                .contains("needs dtype, shape and data_offsets"));
    }

    @Test
    void npyWithoutMagic() throws Exception {
        assertTrue(corrupt("magic.npy", "hello world".getBytes(StandardCharsets.US_ASCII)).contains("no \\x93NUMPY magic"));
    }

    @Test
    void npyTruncatedData() throws Exception {
        byte[] full = TestWriters.npy("<f4", new long[] {10}, new double[10], false, 1);
        String m = corrupt("short.npy", java.util.Arrays.copyOf(full, full.length - 4));
        assertTrue(m.contains("needs 40 bytes of data but the file has 36 (truncated)"), m);
    }

    @Test
    void npyHeaderLengthBeyondTheFile() throws Exception {
        byte[] full = TestWriters.npy("<f4", new long[] {2}, new double[2], false, 2);
        ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0x7FFFFFF0);
        assertTrue(corrupt("hdr.npy", full).contains("header length is 2147483632 bytes"));
    }

    @Test
    void npyUnknownVersionAndDtype() throws Exception {
        byte[] v9 = TestWriters.npy("<f4", new long[] {1}, new double[1], false, 1);
        v9[6] = 9;
        assertTrue(corrupt("v9.npy", v9).contains("version 9 is unknown"));
        byte[] complex = TestWriters.npy("<f4", new long[] {1}, new double[1], false, 1);
        String text = new String(complex, StandardCharsets.ISO_8859_1).replace("'<f4'", "'<c8'");
        assertTrue(corrupt("c8.npy", text.getBytes(StandardCharsets.ISO_8859_1)).contains("dtype '<c8' cannot be read"));
    }

    @Test
    void npzThatIsNotAZipAndDamagedEntries() throws Exception {
        assertTrue(corrupt("plain.npz", "just text, not a zip".getBytes(StandardCharsets.US_ASCII)).contains("not a valid .npz file"));
        byte[] zip = TestWriters.npz(TestWriters.entries("a", TestWriters.npy("<f4", new long[] {64}, new double[64], false, 1)), true);
        byte[] cut = java.util.Arrays.copyOf(zip, zip.length - 40);
        assertTrue(corrupt("cut.npz", cut).contains("npz"));
        byte[] bad = TestWriters.npz(TestWriters.entries("a", "garbage".getBytes(StandardCharsets.US_ASCII)), false);
        assertTrue(corrupt("bad.npz", bad).contains("entry 'a.npy': not a .npy array"));
    }

    @Test
    void missingFileAndUnknownExtension() throws Exception {
        assertThrows(NoSuchFileException.class, () -> WeightsLoader.load(dir.resolve("nope.safetensors")));
        assertTrue(corrupt("weights.bin", new byte[16]).contains("use .safetensors, .npz or .npy"));
    }

    @Test
    void halfPrecisionDecodesSubnormalsInfinityAndNaN() {
        assertEquals(0x1p-24f, DType.halfToFloat((short) 0x0001));
        assertEquals(65504f, DType.halfToFloat((short) 0x7BFF));
        assertEquals(Float.NEGATIVE_INFINITY, DType.halfToFloat((short) 0xFC00));
        assertTrue(Float.isNaN(DType.halfToFloat((short) 0x7E00)));
        assertEquals(-2f, DType.halfToFloat((short) 0xC000));
    }
}
