package dev.bramble.golden;

import dev.bramble.lang.model.Layer;

/**
 * Sees every layer's input and output as the {@link Interpreter} runs (a training tape, a trace
 * dump, a debugger). Vectors passed here are never modified afterwards.
 */
@FunctionalInterface
public interface LayerObserver<V> {
    void onLayer(Layer layer, int position, V input, V output);
}
