package dev.bramble.cli;

import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.Target;
import dev.bramble.weights.ModelWeights;

/** What {@code emit}, {@code sim} and {@code synth} work on: a checked model with its weights, and the chosen target ({@link DesignTarget#hardware}). */
record HardwareInputs(Design design, ModelWeights weights, Target target) {
}
