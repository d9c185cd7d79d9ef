package dev.bramble.weights;

import java.nio.ByteBuffer;

/** Element types the readers understand, with their size and how to read element i as a double. */
public enum DType {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), U16(2), U32(4), BOOL(1);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    double read(ByteBuffer b, int i) {
        int at = i * bytes;
        return switch (this) {
            case F64 -> b.getDouble(at);
            case F32 -> b.getFloat(at);
            case F16 -> halfToFloat(b.getShort(at));
            case BF16 -> Float.intBitsToFloat((b.getShort(at) & 0xFFFF) << 16);
            case I64 -> b.getLong(at);
            case I32 -> b.getInt(at);
            case I16 -> b.getShort(at);
            case I8 -> b.get(at);
            case U8 -> b.get(at) & 0xFF;
            case U16 -> b.getShort(at) & 0xFFFF;
            case U32 -> b.getInt(at) & 0xFFFFFFFFL;
            case BOOL -> b.get(at) != 0 ? 1 : 0;
        };
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = bits >>> 15;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        float magnitude;
        if (exponent == 0) magnitude = Math.scalb((float) mantissa, -24);
        else if (exponent == 31) magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        else magnitude = Math.scalb((float) (mantissa | 0x400), exponent - 25);
        return sign == 0 ? magnitude : -magnitude;
    }
}
