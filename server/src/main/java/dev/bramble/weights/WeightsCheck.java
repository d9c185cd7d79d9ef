package dev.bramble.weights;

import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.model.FixedFormat;
import dev.bramble.lang.source.Range;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Tensor;
import dev.bramble.lang.model.WeightsSource;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a design's weights against its models: the file exists and is valid, every declared
 * tensor is there with the declared shape, no tensor is left over, and the values fit the weight
 * format. Problems with the file sit on the {@code weights} line; problems with a tensor on the
 * layer that declares it. Never throws; loading is cached, so editors may call it on every edit.
 */
public final class WeightsCheck {
    private WeightsCheck() {}

    /** Diagnostics for every model of {@code design}; {@code baseDir} is the .bramble file's folder. */
    public static List<Diagnostic> check(Design design, Path baseDir) {
        List<Diagnostic> out = new ArrayList<>();
        for (Model model : design.models()) check(model, baseDir, design.hasErrors(), out);
        return out;
    }

    /**
     * {@code languageErrors}: a layer the language layer could not resolve is missing from the
     * model, so its tensor would look unused; extra tensors are then not reported.
     */
    private static void check(Model model, Path baseDir, boolean languageErrors, List<Diagnostic> out) {
        if (model.weights() == null || !model.weightFormat().isLegal()) return;
        if (model.weights() instanceof WeightsSource.Random random) {
            for (Tensor t : model.tensors()) {
                if (t.elements() > 0 && t.elements() <= Shapes.MAX_ELEMENTS && !RandomExtremes.of(t, random.seed()).within(t.formatOr(model.weightFormat()))) {
                    saturation(model, t, RandomWeights.generate(t, random.seed()), out);
                }
            }
            return;
        }
        Range line = model.weights().range();
        Path file;
        try {
            file = ModelWeights.resolve(model, baseDir);
        } catch (java.nio.file.InvalidPathException e) {
            out.add(Diagnostic.error(line, WeightsCodes.UNREADABLE, "the weights path cannot name a file: " + e.getReason()
                    + "; write a plain relative path such as \"" + model.name() + ".safetensors\""));
            return;
        }
        Map<String, StoredTensor> stored;
        try {
            stored = WeightsLoader.load(file, WeightsLoader.READ_TIMEOUT_MILLIS);
        } catch (NoSuchFileException e) {
            out.add(Diagnostic.error(line, WeightsCodes.NOT_FOUND, "weights file " + file + " not found; check the path (relative to this file)")
                    .withData(Map.of("path", file.toString())));
            return;
        } catch (AccessDeniedException e) {
            out.add(Diagnostic.error(line, WeightsCodes.UNREADABLE, "weights file " + file + ": permission denied"));
            return;
        } catch (IOException e) {
            out.add(Diagnostic.error(line, WeightsCodes.UNREADABLE, "weights file " + file + " cannot be read: " + e.getMessage()));
            return;
        } catch (WeightsFormatException e) {
            out.add(Diagnostic.error(line, WeightsCodes.CORRUPT, "weights file " + file.getFileName() + ": " + e.getMessage()));
            return;
        }
        Set<String> declared = new HashSet<>();
        Map<String, Tensor.Source> sources = CheckpointKeys.sources(model, stored.keySet());
        String fileName = file.getFileName().toString();
        for (Tensor t : model.tensors()) {
            Tensor.Source source = sources.get(t.path());
            declared.addAll(TensorFetch.candidates(t, source));
            TensorFetch.Result r = TensorFetch.fetch(t, source, stored, fileName);
            if (r.kind() == TensorFetch.Result.Kind.MISSING) {
                out.add(Diagnostic.error(t.range(), WeightsCodes.TENSOR_MISSING, r.problem()).withData(Map.of("tensor", t.path(), "key", r.key())));
            } else if (r.kind() == TensorFetch.Result.Kind.SHAPE) {
                out.add(Diagnostic.error(t.range(), WeightsCodes.TENSOR_SHAPE, r.problem()).withData(Map.of("tensor", t.path(), "key", r.key(),
                        "fileShape", stored.get(r.key()).shapeText())));
            } else if (r.kind() == TensorFetch.Result.Kind.NON_FINITE) {
                out.add(Diagnostic.error(t.range(), WeightsCodes.NON_FINITE, r.problem()).withData(Map.of("tensor", t.path(), "key", r.key())));
            } else {
                saturation(model, t, r.values(), out);
            }
        }
        // A tied head's own copy (nanoGPT and GPT-2 save lm_head.weight beside wte) is not "unused".
        if (model.weights() instanceof WeightsSource.File f && f.keys() != null) {
            for (var l : model.flatLayers()) if (l instanceof dev.bramble.lang.model.LinearLayer lin && lin.tied()) declared.add("lm_head.weight");
            // Attention masks saved as buffers (older nanoGPT's attn.bias, GPT-2's attn.masked_bias) are not weights.
            for (String name : stored.keySet()) {
                if (name.endsWith(".attn.masked_bias") || name.endsWith(".attn.bias") && !declared.contains(name)) declared.add(name);
            }
        }
        for (String name : stored.keySet()) {
            if (!declared.contains(name) && !languageErrors) {
                out.add(Diagnostic.warning(line, WeightsCodes.TENSOR_EXTRA, file.getFileName() + " holds tensor '" + name
                        + "' " + stored.get(name).shapeText() + ", which no layer uses").withData(Map.of("tensor", name)));
            }
        }
    }

    private static void saturation(Model model, Tensor t, double[] values, List<Diagnostic> out) {
        FixedFormat f = t.formatOr(model.weightFormat());
        int count = 0;
        double largest = 0;
        for (double v : values) {
            double abs = Math.abs(v);
            if (!(abs <= largest)) largest = abs; // also catches NaN
            if (saturates(v, f)) count++;
        }
        if (count == 0) return;
        FixedFormat holds = holding(largest, f.totalBits());
        String message = String.format(Locale.ROOT, "%d of %d values of '%s' saturate %s (largest magnitude %.4g)%s",
                count, values.length, t.path(), f, largest,
                holds == null ? "" : "; " + holds + " would hold them");
        out.add(Diagnostic.warning(t.range(), WeightsCodes.SATURATE, message).withData(
                holds == null ? Map.of("tensor", t.path(), "count", count, "largest", largest)
                        : Map.of("tensor", t.path(), "count", count, "largest", largest, "format", holds.toString())));
    }

    /** Whether quantizing {@code v} to {@code f} saturates: floor(v·2^F + 0.5) leaves the range exactly when v ≥ max + step/2 or v < min − step/2. */
    static boolean saturates(double v, FixedFormat f) {
        double max = Math.scalb((double) ((1L << (f.totalBits() - 1)) - 1), -f.fracBits());
        double min = -Math.scalb(1.0, f.intBits() - 1);
        double step = Math.scalb(1.0, -f.fracBits());
        return v >= max + step / 2 || v < min - step / 2 || Double.isNaN(v);
    }

    /**
     * The format with the same number of bits (more if needed, at most 32) and just enough integer
     * bits to hold {@code magnitude} (after rounding); null when none can.
     */
    public static FixedFormat holding(double magnitude, int totalBits) {
        if (Double.isNaN(magnitude) || Double.isInfinite(magnitude)) return null;
        for (int intBits = 1; intBits <= 32; intBits++) {
            int bits = Math.max(totalBits, intBits);
            FixedFormat candidate = new FixedFormat(intBits, bits - intBits);
            if (candidate.totalBits() >= FixedFormat.MIN_BITS && magnitude < candidate.maxValue() + Math.scalb(0.5, -candidate.fracBits())
                    && -magnitude >= candidate.minValue() - Math.scalb(0.5, -candidate.fracBits())) {
                return candidate;
            }
        }
        return null;
    }
}
