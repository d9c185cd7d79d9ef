package dev.bramble.weights;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes weights files byte by byte from the formats' specifications, independently of the
 * readers: safetensors (8-byte LE header length, JSON header, data), .npy v1/v2 (magic, version,
 * header length, dict literal padded to 64 bytes, data) and .npz (zip of .npy).
 */
final class TestWriters {
    private TestWriters() {}

    /** An array to write: dtype name in the target format, shape, values in row-major order. */
    record Array(String name, String dtype, long[] shape, double[] values) {}

    static byte[] safetensors(List<Array> arrays) {
        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Array a : arrays) {
            byte[] bytes = encode(a.dtype(), a.values(), ByteOrder.LITTLE_ENDIAN);
            header.append(",\"").append(a.name()).append("\":{\"dtype\":\"").append(a.dtype()).append("\",\"shape\":[");
            for (int i = 0; i < a.shape().length; i++) header.append(i == 0 ? "" : ",").append(a.shape()[i]);
            header.append("],\"data_offsets\":[").append(data.size()).append(',').append(data.size() + bytes.length).append("]}");
            data.writeBytes(bytes);
        }
        header.append('}');
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + h.length + data.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h).put(data.toByteArray());
        return out.array();
    }

    /** numpy dtype string e.g. "<f4", ">i2"; fortran: data written column-major. */
    static byte[] npy(String descr, long[] shape, double[] rowMajor, boolean fortran, int version) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': ")
                .append(fortran ? "True" : "False").append(", 'shape': (");
        for (long d : shape) dict.append(d).append(", ");
        if (shape.length > 1) dict.setLength(dict.length() - 2);
        else if (shape.length == 1) dict.setLength(dict.length() - 1);
        dict.append("), }");
        int prefix = version == 1 ? 10 : 12;
        int total = prefix + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        while (prefix + dict.length() + 1 < padded) dict.append(' ');
        dict.append('\n');
        byte[] h = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        double[] values = fortran ? toColumnMajor(rowMajor, shape) : rowMajor;
        byte[] data = encode(safetensorsName(descr.substring(1)), values, order);
        ByteBuffer out = ByteBuffer.allocate(prefix + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) version).put((byte) 0);
        if (version == 1) out.putShort((short) h.length);
        else out.putInt(h.length);
        out.put(h).put(data);
        return out.array();
    }

    static byte[] npz(Map<String, byte[]> entries, boolean deflate) throws java.io.IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                if (!deflate) {
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static Map<String, byte[]> entries(Object... nameThenBytes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) m.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
        return m;
    }

    private static String safetensorsName(String numpy) {
        return switch (numpy) {
            case "f8" -> "F64";
            case "f4" -> "F32";
            case "f2" -> "F16";
            case "i1" -> "I8";
            case "i2" -> "I16";
            case "i4" -> "I32";
            case "i8" -> "I64";
            case "u1" -> "U8";
            default -> throw new IllegalArgumentException(numpy);
        };
    }

    static double[] toColumnMajor(double[] rowMajor, long[] shape) {
        if (shape.length != 2) return rowMajor.clone();
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        double[] out = new double[rowMajor.length];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) out[j * rows + i] = rowMajor[i * cols + j];
        return out;
    }

    /** Encodes values in a safetensors dtype; F16 and BF16 by explicit bit layout (values must be exact). */
    static byte[] encode(String dtype, double[] values, ByteOrder order) {
        int size = switch (dtype) {
            case "F64", "I64" -> 8;
            case "F32", "I32" -> 4;
            case "F16", "BF16", "I16" -> 2;
            default -> 1;
        };
        ByteBuffer b = ByteBuffer.allocate(values.length * size).order(order);
        for (double v : values) {
            switch (dtype) {
                case "F64" -> b.putDouble(v);
                case "F32" -> b.putFloat((float) v);
                case "F16" -> b.putShort(half(v));
                case "BF16" -> b.putShort((short) (Float.floatToIntBits((float) v) >>> 16));
                case "I64" -> b.putLong((long) v);
                case "I32" -> b.putInt((int) v);
                case "I16" -> b.putShort((short) v);
                case "I8", "U8" -> b.put((byte) v);
                default -> throw new IllegalArgumentException(dtype);
            }
        }
        return b.array();
    }

    /** binary16 of a value that is exactly representable as a normal half (or zero): sign, 5-bit exponent, 10-bit mantissa. */
    static short half(double v) {
        if (v == 0) return 0;
        int sign = v < 0 ? 0x8000 : 0;
        double a = Math.abs(v);
        int exponent = Math.getExponent(a);
        int mantissa = (int) Math.round((a / Math.scalb(1.0, exponent) - 1) * 1024);
        if (mantissa == 1024 || exponent < -14 || exponent > 15) throw new IllegalArgumentException("not a normal half: " + v);
        return (short) (sign | (exponent + 15) << 10 | mantissa);
    }
}
