package dev.bramble.train;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Training progress for people: on a terminal, one line rewritten in place (at most ten times a
 * second); otherwise (a log, a pipe, CI) a plain line at every tenth of the run. Each line shows
 * the step, the mean loss of the documents since the previous line, and steps per second.
 */
public final class ProgressLine implements ProgressListener {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastDraw = start;
    private double lossSum;
    private int lossCount;
    private int width;

    public ProgressLine(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onStep(int step, int steps, double loss) {
        lossSum += loss;
        lossCount++;
        boolean last = step == steps;
        if (terminal) {
            if ((step & 63) != 0 && !last) return;
            long now = System.nanoTime();
            if (now - lastDraw < REDRAW_NANOS && !last) return;
            lastDraw = now;
            String line = line(step, steps, now);
            out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
            width = line.length();
            if (last) out.println();
            out.flush();
        } else {
            int every = Math.max(1, steps / 10);
            if (step % every != 0 && !last) return;
            out.println(line(step, steps, System.nanoTime()));
            out.flush();
        }
    }

    private String line(int step, int steps, long now) {
        double seconds = (now - start) / 1e9;
        String text = String.format(Locale.ROOT, "step %,d/%,d | loss %.4f | %,.0f steps/s",
                step, steps, lossSum / lossCount, seconds > 0 ? step / seconds : 0.0);
        lossSum = 0;
        lossCount = 0;
        return text;
    }

    /** Seconds since the listener was made (the start of training). */
    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
