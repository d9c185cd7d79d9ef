package dev.bramble.tools;

/**
 * A simulation that could not be built or did not finish: the RTL does not compile, the
 * simulator crashed, or the cycle/time limit stopped a run that hung. The message says which
 * and carries the tool's last lines of output.
 */
public final class ToolError extends Exception {
    public ToolError(String message) {
        super(message, null, false, false);
    }
}
