package dev.bramble.weights;

/**
 * A weights file that is not a valid file of its kind (truncated, absurd header, unknown dtype).
 * The message names what is wrong in words a user can act on; it never carries a stack trace.
 */
public final class WeightsFormatException extends Exception {
    public WeightsFormatException(String message) {
        super(message, null, false, false);
    }
}
