package dev.bramble.lsp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentDiagnosticParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.junit.jupiter.api.Test;

/**
 * The whole server over a real connection: the packaged jar as a child process, an lsp4j client
 * on its stdio, microGPT opened, edited, fixed, hovered, completed and formatted, then a clean
 * shutdown. Timeouts are generous: they catch a hang, they do not measure speed.
 */
class LanguageServerIT {
    static final long WAIT = 20_000;

    static InitializeParams initialize(JsonObject options) {
        InitializeParams init = new InitializeParams();
        init.setProcessId((int) ProcessHandle.current().pid());
        ClientCapabilities caps = new ClientCapabilities();
        WorkspaceClientCapabilities ws = new WorkspaceClientCapabilities();
        ws.setConfiguration(true);
        caps.setWorkspace(ws);
        init.setCapabilities(caps);
        init.setInitializationOptions(options);
        return init;
    }

    static String lines(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> d.getRange().getStart().getLine() + ":" + d.getRange().getStart().getCharacter()
                + " " + d.getCode().getLeft() + " " + d.getMessage().getLeft()).collect(Collectors.joining("\n"));
    }

    static DidChangeTextDocumentParams change(String uri, int version, Range range, String text) {
        return new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version),
                List.of(range == null ? new TextDocumentContentChangeEvent(text) : new TextDocumentContentChangeEvent(range, text)));
    }

    static Range range(int l1, int c1, int l2, int c2) {
        return new Range(new Position(l1, c1), new Position(l2, c2));
    }

    @Test
    void editMicrogptThroughARealConnection() throws Exception {
        Path file = Path.of("..", "examples", "microgpt", "microgpt.bramble").toAbsolutePath().normalize();
        String uri = file.toUri().toString();
        String text = Files.readString(file);
        try (ServerProcess sp = ServerProcess.start("edit-microgpt")) {
            JsonObject options = new JsonObject();
            options.addProperty("debounceMillis", 10);
            InitializeResult result = sp.server.initialize(initialize(options)).get(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertEquals("bramble", result.getServerInfo().getName());
            assertTrue(result.getCapabilities().getHoverProvider().getLeft());
            sp.server.initialized(new InitializedParams());

            sp.server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "bramble", 1, text)));
            PublishDiagnosticsParams opened = sp.client.awaitDiagnostics(p -> p.getVersion() != null && p.getVersion() == 1, WAIT);
            assertEquals("", lines(opened.getDiagnostics()));

            // Misspell a constant (an incremental edit): line 10 is "    embedding wte [vocab, dim]".
            sp.server.getTextDocumentService().didChange(change(uri, 2, range(10, 29, 10, 29), "m"));
            PublishDiagnosticsParams broken = sp.client.awaitDiagnostics(p -> p.getVersion() != null && p.getVersion() == 2, WAIT);
            assertEquals("10:26 unknown-name unknown constant 'dimm'; did you mean 'dim'?", lines(broken.getDiagnostics()));

            // Its quick fix, applied as the editor would: then the diagnostics are clean again.
            List<CodeAction> fixes = sp.server.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(uri),
                    broken.getDiagnostics().get(0).getRange(), new CodeActionContext(broken.getDiagnostics())))
                    .get().stream().map(e -> e.getRight()).toList();
            assertEquals("Change to 'dim'", fixes.get(0).getTitle());
            TextEdit fix = fixes.get(0).getEdit().getChanges().get(uri).get(0);
            sp.server.getTextDocumentService().didChange(change(uri, 3, fix.getRange(), fix.getNewText()));
            assertEquals("", lines(sp.client.awaitDiagnostics(p -> p.getVersion() != null && p.getVersion() == 3, WAIT).getDiagnostics()));

            // Pull diagnostics agree with the pushed ones.
            var pulled = sp.server.getTextDocumentService().diagnostic(new DocumentDiagnosticParams(new TextDocumentIdentifier(uri))).get(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertEquals("3", pulled.getLeft().getResultId());
            assertEquals(List.of(), pulled.getLeft().getItems());

            Hover hover = sp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), new Position(4, 5))).get(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertTrue(hover.getContents().getRight().getValue().startsWith("```bramble\ndim = 16\n```"), hover.toString());

            // Completion at the start of a new line in the target block offers the target's fields.
            List<CompletionItem> items = sp.server.getTextDocumentService().completion(
                    new CompletionParams(new TextDocumentIdentifier(uri), new Position(39, 0))).get().getRight().getItems();
            assertEquals("device board clock lanes storage budget baud", items.stream().map(CompletionItem::getLabel).collect(Collectors.joining(" ")));

            // Formatting gives one whole-document edit; formatting its result gives none.
            List<? extends TextEdit> edits = sp.server.getTextDocumentService().formatting(new DocumentFormattingParams(
                    new TextDocumentIdentifier(uri), new FormattingOptions(4, true))).get(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertEquals(1, edits.size());
            sp.server.getTextDocumentService().didChange(change(uri, 4, null, edits.get(0).getNewText()));
            assertEquals(List.of(), sp.server.getTextDocumentService().formatting(new DocumentFormattingParams(
                    new TextDocumentIdentifier(uri), new FormattingOptions(4, true))).get());
            assertEquals("", lines(sp.client.awaitDiagnostics(p -> p.getVersion() != null && p.getVersion() == 4, WAIT).getDiagnostics()));

            // Closing clears the document's diagnostics.
            sp.server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
            sp.client.awaitDiagnostics(p -> p.getVersion() == null && p.getDiagnostics().isEmpty(), WAIT);

            sp.server.shutdown().get(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS);
            sp.server.exit();
            assertEquals(0, sp.awaitExit(WAIT), sp.stderr());
        }
    }

    @Test
    void exitWithoutShutdownIsAnError() throws Exception {
        try (ServerProcess sp = ServerProcess.start("exit-without-shutdown")) {
            sp.server.initialize(initialize(new JsonObject())).get(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS);
            sp.server.exit();
            assertEquals(1, sp.awaitExit(WAIT));
        }
    }

    @Test
    void serverExitsWhenTheClientProcessDies() throws Exception {
        Process fakeEditor = new ProcessBuilder("sleep", "600").start();
        try (ServerProcess sp = ServerProcess.start("client-dies")) {
            InitializeParams init = initialize(new JsonObject());
            init.setProcessId((int) fakeEditor.pid());
            sp.server.initialize(init).get(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertFalse(sp.process.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS), "the server must run while its client lives");
            fakeEditor.destroy();
            fakeEditor.waitFor();
            assertEquals(1, sp.awaitExit(WAIT));
            assertTrue(sp.stderr().contains("client process " + fakeEditor.pid() + " ended; exiting"), sp.stderr());
        } finally {
            fakeEditor.destroyForcibly();
        }
    }
}
