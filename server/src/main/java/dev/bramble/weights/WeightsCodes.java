package dev.bramble.weights;

/** Stable diagnostic codes of the weights checks (editors and tests key on them; never rename). */
public final class WeightsCodes {
    private WeightsCodes() {}

    public static final String NOT_FOUND = "weights-not-found";
    public static final String UNREADABLE = "weights-unreadable";
    public static final String CORRUPT = "weights-corrupt";
    public static final String TENSOR_MISSING = "tensor-missing";
    public static final String TENSOR_SHAPE = "tensor-shape";
    public static final String TENSOR_EXTRA = "tensor-extra";
    public static final String SATURATE = "weights-saturate";
    /** A tensor holding NaN or infinity: nothing sensible can be computed from it. */
    public static final String NON_FINITE = "weights-non-finite";
}
