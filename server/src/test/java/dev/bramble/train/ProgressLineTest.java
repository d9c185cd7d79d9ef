package dev.bramble.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void aTerminalGetsOneLineRewrittenInPlaceEndingWithANewline() {
        StringWriter text = new StringWriter();
        ProgressLine progress = new ProgressLine(new PrintWriter(text), true);
        for (int step = 1; step <= 64; step++) progress.onStep(step, 64, 2.0);
        String out = text.toString();
        assertTrue(out.startsWith("\rstep 64/64 | loss 2.0000 | "), out);
        assertTrue(out.endsWith(" steps/s\n"), out);
        assertEquals(1, out.chars().filter(c -> c == '\n').count());
    }

    @Test
    void aLogGetsTenPlainLinesWithTheMeanLossSinceThePreviousOne() {
        StringWriter text = new StringWriter();
        ProgressLine progress = new ProgressLine(new PrintWriter(text), false);
        for (int step = 1; step <= 100; step++) progress.onStep(step, 100, step <= 10 ? 3.0 : 1.0);
        String[] lines = text.toString().split("\n");
        assertEquals(10, lines.length);
        assertTrue(lines[0].startsWith("step 10/100 | loss 3.0000 | "), lines[0]);
        assertTrue(lines[1].startsWith("step 20/100 | loss 1.0000 | "), lines[1]);
        assertTrue(lines[9].startsWith("step 100/100 | loss 1.0000 | "), lines[9]);
        assertTrue(!text.toString().contains("\r"));
    }
}
