package dev.bramble.golden;

import dev.bramble.lang.model.ArgmaxLayer;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.BlockLayer;
import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.InputLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.NormLayer;
import dev.bramble.lang.model.ResidualLayer;
import dev.bramble.lang.model.SampleLayer;

import java.util.List;

/**
 * Runs a model layer by layer, one position at a time, on one {@link Arithmetic} back end. The
 * layer semantics live here once; the back ends only say how a single layer computes.
 */
public final class Interpreter<V> {
    private final Model model;
    private final Arithmetic<V> arithmetic;
    private final LinearLayer logitsLayer;
    private LayerObserver<V> observer;

    public Interpreter(Model model, Arithmetic<V> arithmetic) {
        this.model = model;
        this.arithmetic = arithmetic;
        this.logitsLayer = logitsLayer(model);
    }

    /** The linear that produces the logits: the top-level layer just before sample/argmax, without activation. */
    public static LinearLayer logitsLayer(Model model) {
        List<Layer> layers = model.layers();
        if (layers.size() < 2 || model.outputLayer().isEmpty()) return null;
        Layer before = layers.get(layers.size() - 2);
        return before instanceof LinearLayer l && l.activation() == dev.bramble.lang.model.Activation.NONE ? l : null;
    }

    public void observe(LayerObserver<V> observer) {
        this.observer = observer;
    }

    public Arithmetic<V> arithmetic() {
        return arithmetic;
    }

    public Model model() {
        return model;
    }

    /** Starts a new sequence: clears the KV caches. */
    public void reset() {
        arithmetic.reset();
    }

    /**
     * One step: feeds {@code token} (or, for a vector model, {@code input}) at {@code position}
     * and returns the vector that reaches the output layer (the logits).
     */
    public V step(int token, double[] input, int position) {
        return run(model.layers(), null, token, input, position);
    }

    private V run(List<Layer> layers, V x, int token, double[] input, int position) {
        for (Layer layer : layers) {
            if (layer instanceof SampleLayer || layer instanceof ArgmaxLayer) break;
            V out = apply(layer, x, token, input, position);
            if (observer != null) observer.onLayer(layer, position, x, out);
            x = out;
        }
        return x;
    }

    private V apply(Layer layer, V x, int token, double[] input, int position) {
        if (layer instanceof InputLayer in) return arithmetic.input(in, input);
        if (layer instanceof EmbeddingLayer e) {
            return e.position() ? arithmetic.positionEmbedding(e, x, position) : arithmetic.tokenEmbedding(e, token);
        }
        if (layer instanceof NormLayer n) return arithmetic.norm(n, x);
        if (layer instanceof LinearLayer l) return arithmetic.linear(l, x, l == logitsLayer);
        if (layer instanceof AttentionLayer a) return arithmetic.attention(a, x, position);
        if (layer instanceof ResidualLayer r) return arithmetic.add(x, run(r.children(), x, token, input, position));
        if (layer instanceof BlockLayer b) return run(b.children(), x, token, input, position);
        throw new IllegalStateException("no semantics for layer " + layer.kind());
    }
}
