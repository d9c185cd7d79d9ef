package dev.bramble.lsp;

import dev.bramble.testing.HostileDesigns;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import dev.bramble.lsp.analysis.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

/** Edits and analyses at the edges: positions past line ends, lone carriage returns, absurd sizes. */
class HostileProtocolTest {
    static TextDocumentContentChangeEvent edit(int l1, int c1, int l2, int c2, String text) {
        return new TextDocumentContentChangeEvent(new Range(new Position(l1, c1), new Position(l2, c2)), text);
    }

    @Test
    void aRangeEndingPastTheLineReplacesTheLine() {
        String text = "model m {\n    context = 16\n}\n";
        // Used to overflow lineStart + character and become an insertion before the line.
        assertEquals("model m {\n    context = 32\n}\n", TextEdits.apply(text, List.of(edit(1, 0, 1, Integer.MAX_VALUE, "    context = 32"))));
        assertEquals("model m {X\n    context = 16\n}\n", TextEdits.apply(text, List.of(edit(0, Integer.MAX_VALUE, 0, Integer.MAX_VALUE, "X"))));
        assertEquals(text + "end", TextEdits.apply(text, List.of(edit(99, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, "end"))));
    }

    @Test
    void loneCarriageReturnsAndCrLfBreakLines() {
        assertEquals("a\rX\rc", TextEdits.apply("a\rb\rc", List.of(edit(1, 0, 1, 1, "X"))));
        assertEquals("a\r\nX\r\nc", TextEdits.apply("a\r\nb\r\nc", List.of(edit(1, 0, 1, 99, "X"))));
    }

    @Test
    void hugeContextIsAnsweredWithoutWorkPerPosition() {
        String kv = HostileDesigns.HUGE_CONTEXT_ATTENTION;
        long t0 = System.nanoTime();
        DocumentAnalysis a = DocumentAnalysis.analyze("file:///tmp/kv.bramble", 1, kv, Settings.DEFAULT);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < 2_000, millis + " ms");
        var estimate = a.currentTarget().orElseThrow().estimate();
        assertEquals(4096, estimate.cyclesPerPosition().length);
        var schedule = estimate.plan().schedule();
        // The closed form agrees with the per-position definition where both can be computed.
        assertEquals(schedule.cyclesAt(4095), estimate.cyclesPerPosition()[4095]);
        assertEquals(schedule.fixedCycles() + schedule.perPositionCycles() * 999_999_999L, schedule.cyclesAt(999_999_999));
        assertTrue(a.allDiagnostics().stream().anyMatch(d -> d.code().equals("bram-over")), a.allDiagnostics().toString());
    }
}
