package dev.bramble.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.lsp.analysis.DocumentAnalysis;
import dev.bramble.lsp.analysis.Settings;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.Test;

/**
 * A request overtaken by an edit answers ContentModified (−32801), as the specification says,
 * not RequestCancelled (−32800: the client cancelled nothing). Forced deterministically: the
 * analysis of version 1 waits until version 2 has arrived, then finds itself stale.
 */
class ContentModifiedTest {
    static final String URI = "file:///tmp/content-modified.bramble";
    static final String TEXT = "model m {\n    dim = 4\n    input x [dim] q4.12\n    linear a [dim -> dim]\n    argmax\n}\n";

    @Test
    void aRequestOvertakenByAnEditAnswersContentModified() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch edited = new CountDownLatch(1);
        DocumentStore store = new DocumentStore(() -> Settings.DEFAULT, (uri, version, text, settings, stale) -> {
            if (version == 1) {
                started.countDown();
                try {
                    assertTrue(edited.await(10, TimeUnit.SECONDS), "the edit never came");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return DocumentAnalysis.analyze(uri, version, text, settings, stale);
        });
        ExecutorService workers = Executors.newFixedThreadPool(2);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            // Diagnostics runs are dropped: only the request analyses, so it is the one overtaken.
            BrambleTextDocumentService service = new BrambleTextDocumentService(new BrambleLanguageServer(status -> {}), store,
                    workers, new Debouncer(timer, task -> {}));
            TextDocumentIdentifier id = new TextDocumentIdentifier(URI);
            service.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(URI, "bramble", 1, TEXT)));

            var hover = service.hover(new HoverParams(id, new Position(3, 12)));
            assertTrue(started.await(10, TimeUnit.SECONDS), "the request never started analysing");
            service.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(URI, 2),
                    List.of(new TextDocumentContentChangeEvent(TEXT.replace("dim = 4", "dim = 8")))));
            edited.countDown();

            ExecutionException failed = assertThrows(ExecutionException.class, () -> hover.get(10, TimeUnit.SECONDS));
            ResponseErrorException error = assertInstanceOf(ResponseErrorException.class, failed.getCause());
            assertEquals(ResponseErrorCode.ContentModified.getValue(), error.getResponseError().getCode());
            assertEquals(-32801, error.getResponseError().getCode());

            // Asked again, the same request answers for the new version.
            var symbols = service.documentSymbol(new DocumentSymbolParams(id)).get(10, TimeUnit.SECONDS);
            assertNotNull(symbols);
            assertEquals(2, store.analysis(URI).version());
            assertTrue(!symbols.isEmpty(), "no outline for version 2");
        } finally {
            workers.shutdownNow();
            timer.shutdownNow();
        }
    }
}
