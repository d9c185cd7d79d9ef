package dev.bramble.lang.model;

import dev.bramble.lang.source.Range;

/** Where a model's weights come from. */
public sealed interface WeightsSource {
    Range range();

    /**
     * {@code weights "microgpt.safetensors" [keys nanogpt]}: a path relative to the .bramble
     * file, and the checkpoint's key layout ({@code nanogpt}, {@code hf-gpt2}; null: the tensors'
     * own paths).
     */
    record File(String path, String keys, Range range) implements WeightsSource {
        public File(String path, Range range) {
            this(path, null, range);
        }
    }

    /** {@code weights random seed 7}: deterministic Gaussian weights for sketches and tests. */
    record Random(long seed, Range range) implements WeightsSource {}
}
