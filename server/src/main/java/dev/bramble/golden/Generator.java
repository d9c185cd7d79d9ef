package dev.bramble.golden;

import dev.bramble.lang.model.ArgmaxLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.SampleLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * The token loop (numerics.md §3) on one back end: BOS at position 0, then the prompt, then one
 * chosen token per position until BOS is chosen or the context is full. The sampler draws one
 * random number per chosen token (never for prompt tokens) and keeps its state across samples.
 */
public final class Generator<V> {
    /** How the back end turns logits into a token with a drawn number r. */
    public interface Chooser<V> {
        int choose(V logits, double temperature, int r);
    }

    private final Interpreter<V> interpreter;
    private final Chooser<V> sampler;
    private final Chooser<V> argmax;
    private final Model model;

    public Generator(Interpreter<V> interpreter, Chooser<V> sampler, Chooser<V> argmax) {
        this.interpreter = interpreter;
        this.model = interpreter.model();
        this.sampler = sampler;
        this.argmax = argmax;
    }

    public Interpreter<V> interpreter() {
        return interpreter;
    }

    /** The generated tokens and every step's logits of one sample. */
    public record Sample<V>(List<Integer> tokens, List<Step<V>> steps) {}

    /** One token sequence: BOS (if the charset has one), {@code prompt}, then generated tokens. */
    public Sample<V> sequence(List<Integer> prompt, Xorshift32 random) {
        interpreter.reset();
        List<Integer> fed = new ArrayList<>();
        int bos = model.tokens() != null ? model.tokens().bosId() : -1;
        if (bos >= 0) fed.add(bos);
        fed.addAll(prompt);
        if (fed.isEmpty()) fed.add(0); // no BOS and no prompt: start from token 0
        List<Integer> generated = new ArrayList<>();
        List<Step<V>> steps = new ArrayList<>();
        int context = model.context();
        int next = -1;
        for (int position = 0; position < context; position++) {
            int token = position < fed.size() ? fed.get(position) : next;
            V logits = interpreter.step(token, null, position);
            double[] values = interpreter.arithmetic().toDouble(logits);
            if (position + 1 < fed.size()) {
                steps.add(new Step<>(position, token, logits, values, -1));
                continue;
            }
            next = choose(logits, random);
            steps.add(new Step<>(position, token, logits, values, next));
            if (next == bos) break;
            generated.add(next);
        }
        return new Sample<>(generated, steps);
    }

    /** A vector model: one step on {@code input}. */
    public Sample<V> classify(double[] input, Xorshift32 random) {
        interpreter.reset();
        V logits = interpreter.step(-1, input, 0);
        int chosen = choose(logits, random);
        return new Sample<>(List.of(chosen), List.of(new Step<>(0, -1, logits, interpreter.arithmetic().toDouble(logits), chosen)));
    }

    private int choose(V logits, Xorshift32 random) {
        var output = model.outputLayer().orElse(null);
        if (output instanceof SampleLayer s) return sampler.choose(logits, s.temperature(), random.next());
        if (output instanceof ArgmaxLayer || output == null) return argmax.choose(logits, 1, 0);
        throw new IllegalStateException("unknown output layer " + output.kind());
    }
}
