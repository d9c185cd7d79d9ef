package dev.bramble.lang.model;

/**
 * A linear's activation. {@code GELU} is the tanh form (PyTorch's
 * {@code GELU(approximate='tanh')}, Hugging Face's {@code gelu_new}); {@code GELU_ERF} is
 * PyTorch's default {@code nn.GELU()}, {@code 0.5·x·(1 + erf(x/√2))} (written {@code gelu erf}).
 */
public enum Activation {
    NONE, RELU, GELU, GELU_ERF;

    public String keyword() {
        return switch (this) {
            case NONE -> "";
            case RELU -> "relu";
            case GELU -> "gelu";
            case GELU_ERF -> "gelu erf";
        };
    }
}
