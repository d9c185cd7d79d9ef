package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;

/** Where a model's weights come from. */
public sealed interface WeightsSource {
    Range range();

    /** {@code weights "microgpt.safetensors"}: a path relative to the .bramble file. */
    record File(String path, Range range) implements WeightsSource {}

    /** {@code weights random seed 7}: deterministic Gaussian weights for sketches and tests. */
    record Random(long seed, Range range) implements WeightsSource {}
}
