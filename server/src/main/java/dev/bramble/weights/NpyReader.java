package dev.bramble.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one NumPy .npy array: magic {@code \x93NUMPY}, version, header length (2 bytes in v1,
 * 4 in v2/v3, little-endian), a Python dict literal {@code {'descr': '<f4', 'fortran_order':
 * False, 'shape': (3, 4), }}, then the data. Little- and big-endian, C and Fortran order.
 */
final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {}

    static StoredTensor read(String name, ByteBuffer file) throws WeightsFormatException {
        file = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int size = file.remaining();
        for (int i = 0; i < MAGIC.length; i++) {
            if (size <= i || file.get(i) != MAGIC[i]) throw new WeightsFormatException("not a .npy array (no \\x93NUMPY magic at the start)");
        }
        if (size < 10) throw new WeightsFormatException("not a valid .npy array: truncated header");
        int major = file.get(6);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = file.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (size < 12) throw new WeightsFormatException("not a valid .npy array: truncated header");
            headerLength = file.getInt(8) & 0xFFFFFFFFL;
            headerStart = 12;
        } else {
            throw new WeightsFormatException(".npy format version " + major + " is unknown (Bramble reads versions 1, 2 and 3)");
        }
        if (headerLength > size - headerStart) {
            throw new WeightsFormatException("not a valid .npy array: the header length is " + headerLength + " bytes but only "
                    + (size - headerStart) + " follow (truncated)");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        file.get(headerStart, headerBytes);
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, "descr");
        boolean fortran = group(FORTRAN, header, "fortran_order").equals("True");
        long[] shape = shape(group(SHAPE, header, "shape"), name);
        ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        DType dtype = dtype(descr);
        long elements = 1;
        for (long d : shape) elements = Shapes.multiply(elements, d, "array '" + name + "'");
        long dataStart = headerStart + headerLength;
        long needed = elements * dtype.bytes();
        if (size - dataStart < needed) {
            throw new WeightsFormatException("array '" + name + "' of shape " + java.util.Arrays.toString(shape) + " needs " + needed
                    + " bytes of data but the file has " + (size - dataStart) + " (truncated)");
        }
        return new StoredTensor(name, dtype, shape, file.slice((int) dataStart, (int) needed), order, fortran);
    }

    private static String group(Pattern pattern, String header, String key) throws WeightsFormatException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) throw new WeightsFormatException("not a valid .npy array: the header has no '" + key + "'");
        return m.group(1);
    }

    private static long[] shape(String text, String name) throws WeightsFormatException {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) continue;
            if (t.endsWith("L")) t = t.substring(0, t.length() - 1);
            try {
                long d = Long.parseLong(t);
                if (d < 0) throw new NumberFormatException();
                dims.add(d);
            } catch (NumberFormatException e) {
                throw new WeightsFormatException("array '" + name + "' has an invalid shape (" + text + ")");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /** NumPy type strings: byte order ('<', '>', '|', '='), kind (f, i, u, b) and size in bytes. */
    private static DType dtype(String descr) throws WeightsFormatException {
        String body = descr.isEmpty() ? descr : descr.substring("<>|=".indexOf(descr.charAt(0)) >= 0 ? 1 : 0);
        DType t = switch (body) {
            case "f8" -> DType.F64;
            case "f4" -> DType.F32;
            case "f2" -> DType.F16;
            case "i8" -> DType.I64;
            case "i4" -> DType.I32;
            case "i2" -> DType.I16;
            case "i1" -> DType.I8;
            case "u1" -> DType.U8;
            case "u2" -> DType.U16;
            case "u4" -> DType.U32;
            case "b1" -> DType.BOOL;
            default -> null;
        };
        if (t == null) {
            throw new WeightsFormatException("dtype '" + descr + "' cannot be read; save the array as float32, float16, float64 or an integer type");
        }
        return t;
    }
}
