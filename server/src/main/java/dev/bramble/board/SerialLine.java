package dev.bramble.board;

import dev.bramble.errors.UserError;

/** A byte pipe to a board: a serial port (real or the simulator's pseudo-terminal). */
public interface SerialLine extends AutoCloseable {
    void write(byte[] bytes) throws UserError;

    /** The next byte, or -1 when none arrived within {@code timeoutMillis}. */
    int read(int timeoutMillis) throws UserError;

    @Override
    void close();
}
