package dev.bramble.weights;

import dev.bramble.numerics.FixedMath;
import dev.bramble.lang.model.FixedFormat;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Tensor;
import dev.bramble.lang.model.WeightsSource;
import dev.bramble.errors.UserError;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of one model, tensor by tensor (keyed by the tensor's path, e.g.
 * {@code layer0.attn_wq}), as float values and as integers in the model's weight format. The
 * golden model and the ROM images read them from here.
 */
public final class ModelWeights {
    private final Model model;
    private final Map<String, double[]> values;

    private ModelWeights(Model model, Map<String, double[]> values) {
        this.model = model;
        this.values = values;
    }

    /**
     * Loads every tensor the model declares, from its {@code weights} file (relative to
     * {@code baseDir}) or its random seed. Problems that make the model unrunnable (file
     * missing or corrupt, tensor missing or misshapen) are a {@link UserError} naming the file
     * and what to do; warnings (extra tensors, saturation) are {@link WeightsCheck}'s job.
     */
    public static ModelWeights load(Model model, Path baseDir) throws UserError {
        if (model.weights() == null) throw new UserError("model " + model.name() + " has no 'weights' line; add 'weights random seed 1' or a file");
        if (model.parameterCount() > Shapes.MAX_ELEMENTS) {
            throw new UserError("model " + model.name() + " has " + model.parameterCount() + " parameters; the reference model runs at most "
                    + Shapes.MAX_ELEMENTS);
        }
        Map<String, double[]> values = new HashMap<>();
        if (model.weights() instanceof WeightsSource.Random random) {
            for (Tensor t : model.tensors()) values.put(t.path(), RandomWeights.generate(t, random.seed()));
            return new ModelWeights(model, values);
        }
        Path file;
        try {
            file = resolve(model, baseDir);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UserError("model " + model.name() + ": the weights path cannot name a file (" + e.getReason()
                    + "); write a plain relative path such as \"" + model.name() + ".safetensors\"");
        }
        Map<String, StoredTensor> stored;
        try {
            stored = WeightsLoader.load(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such weights file; check the path on the 'weights' line (it is relative to the .bramble file)");
        } catch (AccessDeniedException e) {
            throw new UserError(file + ": permission denied; make the weights file readable");
        } catch (IOException e) {
            throw new UserError(file + ": cannot be read (" + e.getMessage() + ")");
        } catch (WeightsFormatException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
        Map<String, Tensor.Source> sources = CheckpointKeys.sources(model, stored.keySet());
        for (Tensor t : model.tensors()) {
            TensorFetch.Result r = TensorFetch.fetch(t, sources.get(t.path()), stored, file.toString());
            if (!r.ok()) throw new UserError(file + ": " + r.problem() + " (line " + (t.range().start().line() + 1) + ")");
            values.put(t.path(), r.values());
        }
        return new ModelWeights(model, values);
    }

    /** The weights file of a model, resolved against the directory of its .bramble file. */
    public static Path resolve(Model model, Path baseDir) {
        if (!(model.weights() instanceof WeightsSource.File f)) throw new IllegalArgumentException("model has no weights file");
        Path p = Path.of(f.path());
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p);
    }

    static boolean sameShape(List<Integer> declared, long[] stored) {
        if (declared.size() != stored.length) return false;
        for (int i = 0; i < stored.length; i++) if (declared.get(i) != stored[i]) return false;
        return true;
    }

    public Model model() {
        return model;
    }

    /** The tensor's values, row-major as declared ({@code [out, in]} for a linear). */
    public double[] values(String tensorPath) {
        double[] v = values.get(tensorPath);
        if (v == null) throw new IllegalArgumentException("no tensor " + tensorPath);
        return v;
    }

    /** The format a tensor is quantised to: its layer's {@code weights qI.F}, else the model's. */
    public FixedFormat format(String tensorPath) {
        for (Tensor t : model.tensors()) if (t.path().equals(tensorPath)) return t.formatOr(model.weightFormat());
        return model.weightFormat();
    }

    /** The tensor quantised to its format (numerics.md §1), row-major. */
    public int[] quantized(String tensorPath) {
        FixedFormat f = format(tensorPath);
        return Arrays.stream(values(tensorPath)).mapToInt(w -> (int) FixedMath.quantize(w, f.fracBits(), f.totalBits())).toArray();
    }
}
