package dev.bramble.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A safetensors file holding any tensors (any dtype the reader supports, any small shape, any
 * values the dtype represents exactly) reads back bit for bit: names, shapes and values. It
 * replaces a round trip of seven fixed seeded arrays.
 */
class WeightsPropertiesTest {
    /** Values exactly representable in the dtype. */
    static Arbitrary<Double> exact(String dtype) {
        return switch (dtype) {
            case "F64" -> Arbitraries.doubles().between(-1e6, 1e6);
            case "F32" -> Arbitraries.floats().between(-1e6f, 1e6f).map(f -> (double) f);
            // halves: 11 significant bits, normal range (at least 2^-14), or 0
            case "F16" -> Arbitraries.integers().between(-2047, 2047).flatMap(m -> Arbitraries.integers().between(-14, 4)
                    .map(e -> Math.scalb((double) m, e - 10))).filter(v -> v == 0 || Math.abs(v) >= 0x1p-14);
            // bfloat16: 8 significant bits
            case "BF16" -> Arbitraries.integers().between(-255, 255).flatMap(m -> Arbitraries.integers().between(-60, 60)
                    .map(e -> Math.scalb((double) m, e - 7)));
            case "I8" -> Arbitraries.integers().between(-128, 127).map(i -> (double) i);
            case "I16" -> Arbitraries.integers().between(-32768, 32767).map(i -> (double) i);
            case "I32" -> Arbitraries.integers().map(i -> (double) i);
            default -> throw new IllegalArgumentException(dtype);
        };
    }

    @Provide
    Arbitrary<TestWriters.Array> tensors() {
        Arbitrary<String> dtype = Arbitraries.of("F32", "F16", "BF16", "F64", "I8", "I16", "I32");
        Arbitrary<long[]> shape = Arbitraries.longs().between(1, 4).array(long[].class).ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(dtype, shape).flatAs((d, s) -> {
            long n = 1;
            for (long x : s) n *= x;
            return exact(d).list().ofSize((int) n).map(values -> new TestWriters.Array("t", d, s,
                    values.stream().mapToDouble(Double::doubleValue).toArray()));
        });
    }

    @Property(tries = 200)
    void safetensorsRoundTripsAnyTensors(@ForAll("tensors") TestWriters.Array a, @ForAll("tensors") TestWriters.Array b)
            throws Exception {
        List<TestWriters.Array> arrays = new ArrayList<>(List.of(
                new TestWriters.Array("first", a.dtype(), a.shape(), a.values()),
                new TestWriters.Array("layer0.second", b.dtype(), b.shape(), b.values())));
        Path file = Files.createTempFile("bramble-props", ".safetensors");
        try {
            Files.write(file, TestWriters.safetensors(arrays));
            Map<String, StoredTensor> read = WeightsLoader.load(file);
            assertEquals(2, read.size());
            for (TestWriters.Array x : arrays) {
                StoredTensor t = read.get(x.name());
                assertArrayEquals(x.shape(), t.shape(), x.name() + " " + x.dtype());
                assertArrayEquals(x.values(), t.values(), 0.0, x.name() + " " + x.dtype());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
