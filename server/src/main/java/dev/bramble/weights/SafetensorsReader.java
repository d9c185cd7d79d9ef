package dev.bramble.weights;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the safetensors format: an 8-byte little-endian header length N, N bytes of JSON
 * ({@code name -> {dtype, shape, data_offsets}}, optional {@code __metadata__}), then the data
 * buffer. Every size is checked against the file before anything is allocated.
 */
final class SafetensorsReader {
    /** The reference implementation refuses headers above 100 MB; so do we. */
    static final long MAX_HEADER = 100_000_000L;

    private SafetensorsReader() {}

    static List<StoredTensor> read(ByteBuffer file) throws WeightsFormatException {
        file = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long size = file.remaining();
        if (size < 8) {
            throw new WeightsFormatException("not a safetensors file: " + size + " bytes, shorter than the 8-byte header length");
        }
        long headerLength = file.getLong(0);
        if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > size - 8) {
            throw new WeightsFormatException("not a valid safetensors file: the header length is " + Long.toUnsignedString(headerLength)
                    + " bytes but the file has " + (size - 8) + " bytes after it (truncated or not safetensors)");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        file.get(8, headerBytes);
        JsonObject header;
        try {
            JsonElement parsed = JsonParser.parseString(new String(headerBytes, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) throw new WeightsFormatException("not a valid safetensors file: the header is not a JSON object");
            header = parsed.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new WeightsFormatException("not a valid safetensors file: the header is not valid JSON");
        }
        long dataStart = 8 + headerLength;
        long dataLength = size - dataStart;
        List<StoredTensor> tensors = new ArrayList<>();
        for (Map.Entry<String, JsonElement> entry : header.entrySet()) {
            if (entry.getKey().equals("__metadata__")) continue;
            tensors.add(tensor(file, entry.getKey(), entry.getValue(), dataStart, dataLength));
        }
        return tensors;
    }

    private static StoredTensor tensor(ByteBuffer file, String name, JsonElement element, long dataStart, long dataLength)
            throws WeightsFormatException {
        String where = "tensor '" + name + "'";
        try {
            JsonObject info = element.getAsJsonObject();
            String dtypeName = info.get("dtype").getAsString();
            DType dtype = dtype(dtypeName, where);
            JsonArray shapeJson = info.get("shape").getAsJsonArray();
            long[] shape = new long[shapeJson.size()];
            long elements = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeJson.get(i).getAsLong();
                if (shape[i] < 0) throw new WeightsFormatException(where + " has a negative dimension " + shape[i]);
                elements = Shapes.multiply(elements, shape[i], where);
            }
            JsonArray offsets = info.get("data_offsets").getAsJsonArray();
            if (offsets.size() != 2) throw new WeightsFormatException(where + ": data_offsets must be [begin, end]");
            long begin = offsets.get(0).getAsLong();
            long end = offsets.get(1).getAsLong();
            if (begin < 0 || end < begin || end > dataLength) {
                throw new WeightsFormatException(where + " lies at bytes " + begin + ".." + end + " but the data has only "
                        + dataLength + " bytes (the file is truncated)");
            }
            if (end - begin != elements * dtype.bytes()) {
                throw new WeightsFormatException(where + " has " + (end - begin) + " bytes but shape " + java.util.Arrays.toString(shape)
                        + " of " + dtypeName + " needs " + elements * dtype.bytes());
            }
            ByteBuffer data = file.slice((int) (dataStart + begin), (int) (end - begin));
            return new StoredTensor(name, dtype, shape, data, ByteOrder.LITTLE_ENDIAN, false);
        } catch (NullPointerException | IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            throw new WeightsFormatException("not a valid safetensors file: " + where + " needs dtype, shape and data_offsets");
        }
    }

    private static DType dtype(String name, String where) throws WeightsFormatException {
        try {
            return DType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new WeightsFormatException(where + " has dtype '" + name
                    + "', which Bramble cannot read; save it as F32, F16, BF16, F64, I8, I16 or I32");
        }
    }
}
