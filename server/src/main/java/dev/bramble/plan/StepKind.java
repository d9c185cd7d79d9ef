package dev.bramble.plan;

/** What a sequencer step does (docs/architecture.md §3). */
public enum StepKind {
    INPUT, EMBED_TOKEN, EMBED_POSITION, NORM_STATS, NORM_APPLY, MV, SCORES, VALUES, SAMPLE, ARGMAX
}
