package dev.bramble.plan;

/** What an op of the core's program does (docs/architecture.md §3). */
public enum StepKind {
    INPUT, EMBED_TOKEN, EMBED_POSITION, NORM, ADD, MV, ATTENTION, SAMPLE, ARGMAX,
    /** A learned vector applied elementwise: a linear's bias, a norm's gain and bias (not built in RTL yet). */
    AFFINE
}
