package dev.bramble.lsp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.Test;

/**
 * The server's footprint as users start it (#17: 330 MB resident for a 40-line document): the
 * real jar with the launcher's JVM options, microGPT opened, every feature asked for, 200 edits,
 * then the resident set from /proc/PID/status. Linux only (the figure comes from /proc).
 */
class LanguageServerMemoryIT {
    static final long WAIT = 20_000;
    static final long LIMIT_MB = 200;

    @Test
    void theExtensionStartsTheServerWithTheLaunchersOptions() throws Exception {
        String extension = Files.readString(Path.of("..", "vscode-extension", "src", "server.ts"));
        List<String> options = ServerProcess.launcherOptions();
        assertTrue(options.stream().anyMatch(o -> o.startsWith("-Xmx")), "the launcher bounds the heap: " + options);
        for (String option : options) {
            assertTrue(extension.contains("'" + option + "'"), "vscode-extension/src/server.ts does not pass " + option);
        }
    }

    @Test
    void microgptOpenedAndEditedStaysWithinTheBudget() throws Exception {
        Path file = Path.of("..", "examples", "microgpt", "microgpt.bramble").toAbsolutePath().normalize();
        String uri = file.toUri().toString();
        String text = Files.readString(file);
        try (ServerProcess sp = ServerProcess.start("memory", ServerProcess.launcherOptions())) {
            JsonObject options = new JsonObject();
            options.addProperty("debounceMillis", 5);
            sp.server.initialize(LanguageServerIT.initialize(options)).get(WAIT, TimeUnit.MILLISECONDS);
            sp.server.initialized(new InitializedParams());
            TextDocumentService docs = sp.server.getTextDocumentService();
            docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "bramble", 1, text)));
            sp.client.awaitDiagnostics(p -> p.getVersion() != null && p.getVersion() == 1, WAIT);

            TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
            int contextLine = HostileEditsIT.lineOf(text, "context = 16");
            int version = 1;
            for (int i = 0; i < 200; i++) {
                version++;
                // context 16 → 17 → ... → 16: the estimate, hints and lenses change on every edit.
                String value = Integer.toString(16 + (i % 16));
                String line = text.lines().toList().get(contextLine);
                docs.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version),
                        List.of(new TextDocumentContentChangeEvent(new Range(new Position(contextLine, 0),
                                new Position(contextLine, line.length())), "    context = " + value))));
                if (i % 20 == 0) {
                    int v = version;
                    sp.client.awaitDiagnostics(p -> p.getVersion() != null && p.getVersion() == v, WAIT);
                    Range all = new Range(new Position(0, 0), new Position(text.lines().count() > 0 ? (int) text.lines().count() : 0, 0));
                    docs.hover(new HoverParams(id, new Position(contextLine, 6))).get(WAIT, TimeUnit.MILLISECONDS);
                    docs.documentSymbol(new DocumentSymbolParams(id)).get(WAIT, TimeUnit.MILLISECONDS);
                    docs.semanticTokensFull(new SemanticTokensParams(id)).get(WAIT, TimeUnit.MILLISECONDS);
                    docs.inlayHint(new InlayHintParams(id, all)).get(WAIT, TimeUnit.MILLISECONDS);
                    docs.codeLens(new CodeLensParams(id)).get(WAIT, TimeUnit.MILLISECONDS);
                    docs.foldingRange(new FoldingRangeRequestParams(id)).get(WAIT, TimeUnit.MILLISECONDS);
                }
            }
            int last = version;
            sp.client.awaitDiagnostics(p -> p.getVersion() != null && p.getVersion() == last, WAIT);

            long rssKb = HostileEditsIT.rssKb(sp.process.pid());
            System.err.printf("language server memory: microGPT (%d lines), 200 edits, every feature: RSS %d MB with %s%n",
                    text.lines().count(), rssKb / 1024, ServerProcess.launcherOptions());
            assertTrue(rssKb > 0, "no VmRSS in /proc/" + sp.process.pid() + "/status");
            assertTrue(rssKb <= LIMIT_MB * 1024, "server RSS " + rssKb / 1024 + " MB > " + LIMIT_MB + " MB");

            sp.server.shutdown().get(WAIT, TimeUnit.MILLISECONDS);
            sp.server.exit();
            assertEquals(0, sp.awaitExit(20_000));
        }
    }
}
