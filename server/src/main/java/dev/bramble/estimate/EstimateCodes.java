package dev.bramble.estimate;

/**
 * Stable codes of the budget diagnostics ({@link BudgetCheck}). Editors, tests and users key on
 * these strings; never rename one.
 */
public final class EstimateCodes {
    private EstimateCodes() {}

    /** The target's part is not in the catalogue; data: {@code suggestions}. */
    public static final String UNKNOWN_DEVICE = "unknown-device";
    /** Block RAM exceeds the part (error), on the device line and on the layer that crosses. */
    public static final String BRAM_OVER = "bram-over";
    public static final String DSP_OVER = "dsp-over";
    public static final String LOGIC_OVER = "logic-over";
    /** Above the target's budget (default 80 %) but within the part (warning). */
    public static final String BRAM_BUDGET = "bram-budget";
    public static final String DSP_BUDGET = "dsp-budget";
    public static final String LOGIC_BUDGET = "logic-budget";
    /** Lanes leave some lanes idle on a layer's rows or columns (warning, padding cost stated). */
    public static final String LANES_PADDING = "lanes-padding";
    /** The clock is above what the family typically reaches (warning). */
    public static final String CLOCK_HIGH = "clock-high";
}
