package dev.bramble.lsp;

import dev.bramble.lsp.analysis.Settings;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.junit.jupiter.api.Test;

/** The protocol layer's own parts: settings, incremental text edits, the debouncer and the "only if current" guard. */
class ProtocolPartsTest {

    @Test
    void settingsMergeKnownKeysAndIgnoreBadOnes() {
        Settings s = Settings.DEFAULT.merge(JsonParser.parseString(
                "{\"bramble\": {\"simulator\": \"verilator\", \"debounceMillis\": 5, \"defaultTarget\": \"arty\","
                        + " \"toolPaths\": {\"iverilog\": \"/opt/iverilog\"}, \"unknown\": 1}}"));
        assertEquals(new Settings("verilator", Map.of("iverilog", "/opt/iverilog"), 5, "arty"), s);
        Settings bad = Settings.DEFAULT.merge(JsonParser.parseString("{\"simulator\": \"modelsim\", \"debounceMillis\": \"soon\"}"));
        assertEquals(Settings.DEFAULT, bad);
        assertEquals(5_000, Settings.DEFAULT.merge(JsonParser.parseString("{\"debounceMillis\": 999999}")).debounceMillis());
    }

    @Test
    void incrementalEditsCountUtf16Units() {
        // "é" is one UTF-16 unit, "𝄞" two: LSP columns count units, so the edit lands after them.
        String text = "a é𝄞 b\nsecond";
        var insert = new TextDocumentContentChangeEvent(new Range(new Position(0, 5), new Position(0, 5)), "X");
        var replaceLine2 = new TextDocumentContentChangeEvent(new Range(new Position(1, 0), new Position(1, 6)), "2nd");
        assertEquals("a é𝄞X b\n2nd", TextEdits.apply(text, List.of(insert, replaceLine2)));
        assertEquals("whole", TextEdits.apply(text, List.of(new TextDocumentContentChangeEvent("whole"))));
    }

    @Test
    void debouncerRunsOnlyTheLastTaskOfABurst() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            // The timer's one thread is held until the whole burst is scheduled: however slow the
            // machine, no task's delay can run out between two schedules (this used to race a
            // 200 ms delay and failed under load with [1, 50]).
            CountDownLatch hold = new CountDownLatch(1);
            timer.execute(() -> {
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            List<Integer> ran = new CopyOnWriteArrayList<>();
            CountDownLatch last = new CountDownLatch(1);
            Debouncer debouncer = new Debouncer(timer, Runnable::run);
            for (int i = 1; i <= 50; i++) {
                int n = i;
                debouncer.schedule("doc", 1, () -> {
                    ran.add(n);
                    if (n == 50) last.countDown();
                });
            }
            hold.countDown();
            assertTrue(last.await(10, TimeUnit.SECONDS), "the last task never ran");
            // Whatever ran ran on the timer's one thread, in order, before or with the last one.
            timer.submit(() -> {}).get(10, TimeUnit.SECONDS);
            assertEquals(List.of(50), ran);
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void staleVersionsNeverPass() {
        DocumentStore store = new DocumentStore(() -> Settings.DEFAULT);
        OpenDocument doc = store.open("file:///a.bramble", 1, "model m {}");
        store.change("file:///a.bramble", 2, List.of(new TextDocumentContentChangeEvent("model n {}")));
        List<String> published = new CopyOnWriteArrayList<>();
        assertEquals(false, doc.ifCurrent(1, () -> published.add("v1")));
        assertEquals(true, doc.ifCurrent(2, () -> published.add("v2")));
        store.close("file:///a.bramble");
        assertEquals(false, doc.ifCurrent(2, () -> published.add("after close")));
        assertEquals(List.of("v2"), published);
    }

    @Test
    void analysisIsCachedPerVersion() {
        DocumentStore store = new DocumentStore(() -> Settings.DEFAULT);
        store.open("file:///a.bramble", 1, "model m {}");
        DocumentAnalysis first = store.analysis("file:///a.bramble");
        assertEquals(true, first == store.analysis("file:///a.bramble"));
        store.change("file:///a.bramble", 2, List.of(new TextDocumentContentChangeEvent("model n {}")));
        DocumentAnalysis second = store.analysis("file:///a.bramble");
        assertEquals(2, second.version());
        assertEquals("n", second.design().model().orElseThrow().name());
    }
}
