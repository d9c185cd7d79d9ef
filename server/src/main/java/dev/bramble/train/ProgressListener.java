package dev.bramble.train;

/** Hears about every training step (cheaply: implementations decide when to print). */
public interface ProgressListener {
    /** Step {@code step} (1-based) of {@code steps} is done; {@code loss} is its document's mean loss. */
    void onStep(int step, int steps, double loss);

    ProgressListener NONE = (step, steps, loss) -> { };
}
