package dev.bramble.weights;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Files written by real NumPy (src/test/resources/weights/numpy/make_fixtures.py): the readers
 * must agree with what NumPy itself writes, not only with our own writer.
 */
class NumpyFixturesTest {
    static Path fixture(String name) throws Exception {
        return Path.of(NumpyFixturesTest.class.getResource("/weights/numpy/" + name).toURI());
    }

    /** The script's values: k·0.25 − 3 for floats; k − n/2 for signed and k for unsigned integers. */
    static double[] expected(int n, char kind) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) v[k] = kind == 'f' ? k * 0.25 - 3 : kind == 'i' ? k - n / 2 : k;
        return v;
    }

    @Test
    void everyDtypeInBothOrdersAndByteOrders() throws Exception {
        String[] names = {"le_f4", "be_f4", "le_f8", "be_f8", "le_f2", "be_f2", "le_i2", "be_i4", "i1", "le_i8", "u1"};
        for (String name : names) {
            char kind = name.contains("f") ? 'f' : name.startsWith("u") ? 'u' : 'i';
            for (String order : new String[] {"c_", "f_"}) {
                StoredTensor t = WeightsLoader.load(fixture(order + name + ".npy")).get(order + name);
                assertArrayEquals(new long[] {3, 5}, t.shape(), order + name);
                assertArrayEquals(expected(15, kind), t.values(), 0.0, order + name);
            }
        }
    }

    @Test
    void fortranCubeVectorAndScalar() throws Exception {
        StoredTensor cube = WeightsLoader.load(fixture("f_cube.npy")).get("f_cube");
        assertArrayEquals(new long[] {2, 3, 4}, cube.shape());
        assertArrayEquals(expected(24, 'f'), cube.values(), 0.0);
        assertArrayEquals(expected(7, 'f'), WeightsLoader.load(fixture("vector.npy")).get("vector").values(), 0.0);
        StoredTensor scalar = WeightsLoader.load(fixture("scalar.npy")).get("scalar");
        assertEquals(0, scalar.shape().length);
        assertArrayEquals(new double[] {-3.0}, scalar.values(), 0.0);
    }

    @Test
    void savezAndSavezCompressed() throws Exception {
        for (String file : new String[] {"stored.npz", "deflated.npz"}) {
            Map<String, StoredTensor> t = WeightsLoader.load(fixture(file));
            assertEquals(java.util.Set.of("wte", "layer0.attn_wq"), t.keySet(), file);
            assertArrayEquals(expected(12, 'f'), t.get("wte").values(), 0.0, file);
            assertArrayEquals(expected(16, 'f'), t.get("layer0.attn_wq").values(), 0.0, file);
        }
    }
}
