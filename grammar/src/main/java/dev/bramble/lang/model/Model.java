package dev.bramble.lang.model;

import dev.bramble.lang.model.FixedFormat;
import dev.bramble.lang.source.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A resolved model. Layers form a tree (blocks, residuals, attention hold children);
 * {@link #flatLayers()} walks it in execution order. Fields the file leaves out are null
 * ({@code weights}, {@code tokens}) or defaults ({@code q4.12}), and the validator says so
 * where it matters.
 */
public record Model(String name, Range nameRange, Range range,
                    List<Constant> constants, WeightsSource weights, TokenSet tokens,
                    FixedFormat weightFormat, FixedFormat activationFormat, Range numericRange,
                    List<Layer> layers) {

    public static final FixedFormat DEFAULT_FORMAT = new FixedFormat(4, 12);

    public Model {
        constants = List.copyOf(constants);
        layers = List.copyOf(layers);
    }

    public Optional<Constant> constant(String constantName) {
        return constants.stream().filter(c -> c.name().equals(constantName)).findFirst();
    }

    /** Every layer, parents before their children, in the order they run. */
    public List<Layer> flatLayers() {
        List<Layer> out = new ArrayList<>();
        flatten(layers, out);
        return out;
    }

    private static void flatten(List<Layer> layers, List<Layer> out) {
        for (Layer layer : layers) {
            out.add(layer);
            flatten(layer.children(), out);
        }
    }

    public List<Tensor> tensors() {
        List<Tensor> out = new ArrayList<>();
        for (Layer layer : flatLayers()) out.addAll(layer.tensors());
        return out;
    }

    public long parameterCount() {
        long n = 0;
        for (Tensor t : tensors()) n += t.elements();
        return n;
    }

    /** Tokens the model reads and emits: the token embedding's rows, or 0 for a vector model. */
    public int vocabulary() {
        for (Layer layer : flatLayers()) {
            if (layer instanceof EmbeddingLayer e && !e.position()) return e.rows();
        }
        return 0;
    }

    /** The longest sequence the model runs: constant {@code context}, else position rows, else 1. */
    public int context() {
        Optional<Constant> c = constant("context");
        if (c.isPresent() && c.get().value() > 0 && c.get().value() <= Integer.MAX_VALUE) return (int) c.get().value();
        for (Layer layer : flatLayers()) {
            if (layer instanceof EmbeddingLayer e && e.position()) return e.rows();
        }
        return 1;
    }

    public Optional<Layer> outputLayer() {
        if (layers.isEmpty()) return Optional.empty();
        Layer last = layers.get(layers.size() - 1);
        return last instanceof SampleLayer || last instanceof ArgmaxLayer ? Optional.of(last) : Optional.empty();
    }
}
