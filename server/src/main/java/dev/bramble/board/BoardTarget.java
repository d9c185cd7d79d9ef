package dev.bramble.board;

import dev.bramble.device.Board;
import dev.bramble.device.DeviceCatalog;
import dev.bramble.errors.UserError;
import dev.bramble.lang.model.Target;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The board a target builds for and how its top is clocked: the target's {@code board NAME},
 * else the one catalogued board that carries the target's part. {@code baud} is the serial
 * line's rate; {@code clocksPerBit} = round(reached clock / baud), within 2 % of the baud.
 */
public record BoardTarget(Board board, Target target, ClockPlan clock, int baud, int clocksPerBit) {
    public static final int DEFAULT_BAUD = Target.DEFAULT_BAUD;

    /** {@code baud}: the command line's, else null — then the target's {@code baud}, else {@link #DEFAULT_BAUD}. */
    public static BoardTarget of(Path file, Target t, Integer baudOption) throws UserError {
        int baud = baudOption != null ? baudOption : t.baud() > 0 ? t.baud() : DEFAULT_BAUD;
        DeviceCatalog catalog = DeviceCatalog.standard();
        int line = (t.deviceRange() != null ? t.deviceRange() : t.range()).start().line() + 1;
        String where = file + ":" + line + ": target " + t.name();
        Board board;
        if (t.board() != null) {
            board = catalog.board(t.board()).orElseThrow(() -> new UserError(where + ": unknown board '" + t.board()
                    + "'; 'bramble boards' lists them"));
        } else {
            var device = t.device() == null ? null : catalog.find(t.device()).orElse(null);
            List<Board> carrying = device == null ? List.of() : catalog.boardsWith(device);
            if (carrying.size() != 1) {
                throw new UserError(where + " names " + (t.device() == null ? "no part" : "part " + t.device()) + ", not a board;"
                        + " write 'board NAME' instead of 'device' (" + (carrying.isEmpty() ? "'bramble boards' lists them"
                        : "this part is on " + String.join(", ", carrying.stream().map(Board::id).toList())) + ")");
            }
            board = carrying.get(0);
        }
        if (!(t.clockMHz() > 0)) throw new UserError(where + " has no clock; add 'clock " + ClockPlan.fmt(board.clockMHz()) + " MHz'");
        ClockPlan clock;
        try {
            clock = ClockPlan.of(board, t.clockMHz());
        } catch (UserError e) {
            int clockLine = (t.clockRange() != null ? t.clockRange() : t.range()).start().line() + 1;
            throw new UserError(file + ":" + clockLine + ": " + e.getMessage());
        }
        if (baud < 300 || baud > 3_000_000) throw new UserError("--baud must be between 300 and 3000000, found " + baud);
        long cpb = Math.round(clock.reachedMHz() * 1e6 / baud);
        double actual = clock.reachedMHz() * 1e6 / cpb;
        if (cpb < 4 || Math.abs(actual - baud) > 0.02 * baud) {
            throw new UserError(String.format(Locale.ROOT, "%s: %d baud cannot be made from %s MHz (closest %.0f baud);"
                    + " use a lower baud or a faster clock", where, baud, ClockPlan.fmt(clock.reachedMHz()), cpb < 1 ? 0.0 : actual));
        }
        return new BoardTarget(board, t, clock, baud, (int) cpb);
    }
}
