package dev.bramble.weights;

import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.source.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightsCheckTest {
    @TempDir
    Path dir;

    static String model(String weightsLine) {
        return String.join("\n",
                "model tiny {",
                "    " + weightsLine,
                "    numeric weights q4.12, activations q4.12",
                "    input x [3] q4.12",
                "    linear fc1 [3 -> 2] relu",
                "    linear fc2 [2 -> 2]",
                "    argmax",
                "}", "");
    }

    private List<Diagnostic> check(String source) {
        Design design = Bramble.analyze("tiny.bramble", source);
        assertTrue(design.diagnostics().stream().noneMatch(Diagnostic::isError), design.diagnostics().toString());
        return WeightsCheck.check(design, dir);
    }

    private void write(String name, TestWriters.Array... arrays) throws Exception {
        Files.write(dir.resolve(name), TestWriters.safetensors(List.of(arrays)));
    }

    private static TestWriters.Array array(String name, long[] shape, double fill) {
        int n = 1;
        for (long d : shape) n *= (int) d;
        double[] v = new double[n];
        java.util.Arrays.fill(v, fill);
        return new TestWriters.Array(name, "F32", shape, v);
    }

    @Test
    void goodFileHasNoDiagnostics() throws Exception {
        write("w.safetensors", array("fc1", new long[] {2, 3}, 0.5), array("fc2", new long[] {2, 2}, -0.25));
        assertEquals(List.of(), check(model("weights \"w.safetensors\"")));
    }

    @Test
    void missingFileIsAnErrorOnTheWeightsLine() {
        List<Diagnostic> ds = check(model("weights \"absent.safetensors\""));
        assertEquals(1, ds.size());
        assertEquals(WeightsCodes.NOT_FOUND, ds.get(0).code());
        assertEquals(1, ds.get(0).range().start().line());
        assertTrue(ds.get(0).message().contains("absent.safetensors"));
    }

    @Test
    void corruptFileIsAnErrorOnTheWeightsLine() throws Exception {
        Files.write(dir.resolve("bad.safetensors"), new byte[] {9, 9, 9});
        List<Diagnostic> ds = check(model("weights \"bad.safetensors\""));
        assertEquals(WeightsCodes.CORRUPT, ds.get(0).code());
        assertEquals(1, ds.get(0).range().start().line());
        assertTrue(ds.get(0).message().contains("bad.safetensors"));
    }

    @Test
    void missingTensorShapeMismatchAndExtraTensor() throws Exception {
        write("w.safetensors", array("fc1", new long[] {3, 2}, 0.5), array("spare", new long[] {7}, 0));
        List<Diagnostic> ds = check(model("weights \"w.safetensors\""));
        Diagnostic shape = find(ds, WeightsCodes.TENSOR_SHAPE);
        assertTrue(shape.message().contains("[3, 2]") && shape.message().contains("[2, 3]"), shape.message());
        assertEquals(4, shape.range().start().line(), "on the fc1 line");
        Diagnostic missing = find(ds, WeightsCodes.TENSOR_MISSING);
        assertTrue(missing.message().contains("'fc2'"));
        assertEquals(5, missing.range().start().line(), "on the fc2 line");
        Diagnostic extra = find(ds, WeightsCodes.TENSOR_EXTRA);
        assertEquals(Severity.WARNING, extra.severity());
        assertTrue(extra.message().contains("'spare'"));
    }

    @Test
    void saturationWarningGivesCountLargestAndAFormatThatHoldsThem() throws Exception {
        double[] v = {0.5, 9.5, -20.25, 1, 7.9998779296875, -8};   // q4.12 holds −8 .. 7.99976
        write("w.safetensors", new TestWriters.Array("fc1", "F32", new long[] {2, 3}, v), array("fc2", new long[] {2, 2}, 0));
        List<Diagnostic> ds = check(model("weights \"w.safetensors\""));
        Diagnostic sat = find(ds, WeightsCodes.SATURATE);
        assertEquals(Severity.WARNING, sat.severity());
        assertTrue(sat.message().startsWith("3 of 6 values of 'fc1' saturate q4.12 (largest magnitude 20.25)"), sat.message());
        assertTrue(sat.message().endsWith("q6.10 would hold them"), sat.message());
        assertEquals("q6.10", sat.data().get("format"));
    }

    @Test
    void randomWeightsAreDeterministicGaussianWithStd008() {
        Design design = Bramble.analyze("tiny.bramble", model("weights random seed 5"));
        var t = design.model().orElseThrow().tensors().get(0);
        double[] a = RandomWeights.generate(t, 5);
        assertArrayEquals(a, RandomWeights.generate(t, 5), 0.0);
        assertTrue(!java.util.Arrays.equals(a, RandomWeights.generate(t, 6)));
        var big = new dev.bramble.lang.model.Tensor("big", List.of(200, 200), t.range());
        double sum = 0, sq = 0;
        for (double x : RandomWeights.generate(big, 1)) { sum += x; sq += x * x; }
        double mean = sum / 40000, std = Math.sqrt(sq / 40000 - mean * mean);
        assertEquals(0, mean, 0.002);
        assertEquals(0.08, std, 0.002);
        assertEquals(List.of(), WeightsCheck.check(design, dir));
    }

    @Test
    void npzFileIsCheckedToo() throws Exception {
        Files.write(dir.resolve("w.npz"), TestWriters.npz(TestWriters.entries(
                "fc1", TestWriters.npy("<f4", new long[] {2, 3}, new double[6], false, 1),
                "fc2", TestWriters.npy(">f4", new long[] {2, 2}, new double[4], true, 1)), true));
        assertEquals(List.of(), check(model("weights \"w.npz\"")));
    }

    private static Diagnostic find(List<Diagnostic> ds, String code) {
        List<Diagnostic> found = new ArrayList<>();
        for (Diagnostic d : ds) if (d.code().equals(code)) found.add(d);
        assertEquals(1, found.size(), code + " in " + ds);
        return found.get(0);
    }
}
