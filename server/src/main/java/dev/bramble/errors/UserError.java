package dev.bramble.errors;

/**
 * A problem the user can fix (a missing file, a bad argument), with a message that says what
 * and how. Commands print only the message — never a stack trace — and exit with status 2.
 */
public final class UserError extends Exception {
    public UserError(String message) {
        super(message, null, false, false);
    }
}
