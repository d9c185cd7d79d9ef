package dev.bramble.lsp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.junit.jupiter.api.Test;

/**
 * 500 edits as fast as the client can send them. Each version misspells a constant with its
 * own version number, so a diagnostic's message says which text it was computed from: the last
 * publication must be the last version's, and no older version may be published after a newer one.
 */
class RapidEditsIT {
    @Test
    void lastPublishedDiagnosticsBelongToTheLastVersion() throws Exception {
        Path file = Path.of("..", "examples", "microgpt", "microgpt.bramble").toAbsolutePath().normalize();
        String uri = file.toUri().toString();
        String text = Files.readString(file);
        try (ServerProcess sp = ServerProcess.start("rapid-edits")) {
            JsonObject options = new JsonObject();
            options.addProperty("debounceMillis", 5);   // short, so some intermediate versions do get analysed and raced
            sp.server.initialize(LanguageServerIT.initialize(options)).get(30, java.util.concurrent.TimeUnit.SECONDS);
            sp.server.initialized(new InitializedParams());
            sp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "bramble", 1, text)));
            int last = 501;
            for (int v = 2; v <= last; v++) {
                String edited = text.replace("[vocab, dim]", "[vocab, v" + v + "]");
                sp.server.getTextDocumentService().didChange(LanguageServerIT.change(uri, v, null, edited));
            }
            PublishDiagnosticsParams final_ = sp.client.awaitDiagnostics(p -> p.getVersion() != null && p.getVersion() == last, 30_000);
            assertEquals("unknown constant 'v501'", final_.getDiagnostics().get(0).getMessage().getLeft().split(";")[0]);
            Thread.sleep(1_000);   // anything stale would arrive now
            List<PublishDiagnosticsParams> all = sp.client.allDiagnostics();
            assertEquals(last, all.get(all.size() - 1).getVersion());
            int previous = 0;
            for (PublishDiagnosticsParams p : all) {
                assertTrue(p.getVersion() > previous, "version " + p.getVersion() + " published after " + previous);
                previous = p.getVersion();
                String expected = p.getVersion() == 1 ? "" : "unknown constant 'v" + p.getVersion() + "'";
                String got = p.getDiagnostics().isEmpty() ? "" : p.getDiagnostics().get(0).getMessage().getLeft().split(";")[0];
                assertEquals(expected, got, "diagnostics published for version " + p.getVersion() + " come from another text");
            }
            System.err.println("rapid edits: " + all.size() + " publications for 501 versions");
            sp.server.shutdown().get(30, java.util.concurrent.TimeUnit.SECONDS);
            sp.server.exit();
            assertEquals(0, sp.awaitExit(20_000));
        }
    }
}
