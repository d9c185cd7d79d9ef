package dev.bramble.lang.source;

/**
 * Stable diagnostic codes of the language layer. Editors, tests and users key on these strings;
 * never rename one. docs/language.md lists each with an example.
 */
public final class Codes {
    private Codes() {}

    public static final String SYNTAX = "syntax";
    public static final String UNKNOWN_NAME = "unknown-name";
    public static final String DUPLICATE_NAME = "duplicate-name";
    public static final String WIDTH_MISMATCH = "width-mismatch";
    public static final String RESIDUAL_WIDTH = "residual-width";
    public static final String HEADS_DIVIDE = "heads-divide";
    public static final String ATTENTION_SHAPE = "attention-shape";
    public static final String POSITION_ROWS = "position-rows";
    public static final String EMPTY_REPEAT = "empty-repeat";
    public static final String NUMERIC_RANGE = "numeric-range";
    public static final String NO_OUTPUT = "no-output";
    public static final String LAYER_ORDER = "layer-order";
    public static final String NO_INPUT = "no-input";
    public static final String BAD_WIDTH = "bad-width";
    public static final String BAD_EXPRESSION = "bad-expression";
    public static final String DUPLICATE_FIELD = "duplicate-field";
    public static final String MISSING_FIELD = "missing-field";
    public static final String LANES_RANGE = "lanes-range";
    public static final String CLOCK_RANGE = "clock-range";
    public static final String BUDGET_RANGE = "budget-range";
    public static final String BAUD_RANGE = "baud-range";
    public static final String TEMPERATURE_RANGE = "temperature-range";
    public static final String DEVICE_NAME = "device-name";
    public static final String TOKENS_VOCAB = "tokens-vocab";
    public static final String VOCAB_MISMATCH = "vocab-mismatch";
    public static final String NO_WEIGHTS = "no-weights";
    public static final String NO_MODEL = "no-model";
    public static final String NO_TARGET = "no-target";
    /** Blocks, residuals, attention, brackets or parentheses nested deeper than {@link Limits#MAX_NESTING}. */
    public static final String NESTING_DEPTH = "nesting-depth";
    /** An expression with more operators than {@link Limits#MAX_OPERATORS}. */
    public static final String EXPRESSION_SIZE = "expression-size";
    /** A file larger than {@link Limits#MAX_CHARS}, or a model that expands to more than {@link Limits#MAX_LAYERS} layers. */
    public static final String TOO_LARGE = "too-large";
    /** The file holds NUL characters: it is binary, not a description. */
    public static final String NOT_TEXT = "not-text";
    /** More findings than {@link Limits#MAX_DIAGNOSTICS}; the rest are not listed. */
    public static final String TOO_MANY_DIAGNOSTICS = "too-many-diagnostics";
    /** A bug in Bramble: the analysis failed; the message says what to report. */
    public static final String INTERNAL = "internal";
    /** A layer option the layer does not take, or given twice ({@code bias} on an embedding, {@code gain} on a linear). */
    public static final String LAYER_OPTION = "layer-option";
    /** {@code tied NAME} that names no earlier embedding, or one of the wrong shape. */
    public static final String TIED = "tied";
    /** {@code keys LAYOUT} with an unknown layout, or {@code part I of N} out of range. */
    public static final String KEYS = "keys";
}
