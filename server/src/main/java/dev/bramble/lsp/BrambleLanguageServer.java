package dev.bramble.lsp;

import dev.bramble.lsp.analysis.Settings;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import com.google.gson.JsonElement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.DiagnosticRegistrationOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The protocol's front door: lifecycle (initialize, shutdown, exit), capabilities, settings and
 * the threads. It does no language work; the text-document service hands requests to
 * {@code services/} on worker threads so the message thread only ever enqueues.
 */
public final class BrambleLanguageServer implements LanguageServer, LanguageClientAware {
    private final ExecutorService workers = Executors.newFixedThreadPool(2, daemon("bramble-lsp-worker"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("bramble-lsp-debounce"));
    private final IntConsumer exit;
    private volatile Settings settings = Settings.DEFAULT;
    private volatile boolean shutdownRequested;
    private final DocumentStore documents = new DocumentStore(() -> settings);
    private final BrambleTextDocumentService textDocuments;
    private final BrambleWorkspaceService workspace;
    private volatile BrambleLanguageClient client;

    /** @param exit ends the process with a status ({@code System::exit} in production; tests observe it) */
    public BrambleLanguageServer(IntConsumer exit) {
        this.exit = exit;
        this.textDocuments = new BrambleTextDocumentService(this, documents, workers, new Debouncer(timer, workers));
        this.workspace = new BrambleWorkspaceService(this, documents, workers);
    }

    @Override
    public void connect(LanguageClient client) {
        this.client = (BrambleLanguageClient) client;
    }

    BrambleLanguageClient client() {
        return client;
    }

    Settings settings() {
        return settings;
    }

    /** New settings apply to every open document at once: their analyses are redone and republished. */
    void updateSettings(JsonElement json) {
        Settings updated = settings.merge(json);
        if (updated.equals(settings)) return;
        settings = updated;
        applyToolPaths(updated);
        documents.invalidateAll();
        textDocuments.revalidateAll();
    }

    /**
     * {@code toolPaths} ({@code {"iverilog": "/opt/bin/iverilog"}}) become the tool locator's
     * {@code bramble.tool.NAME} properties: the simulators find them exactly as the CLI's
     * {@code -Dbramble.tool.NAME} would. One server serves one client, so process-wide is right.
     */
    static void applyToolPaths(Settings s) {
        for (dev.bramble.tools.Tool tool : dev.bramble.tools.Tool.values()) {
            String path = s.toolPaths().get(tool.executable());
            if (path != null) System.setProperty(tool.systemProperty(), path);
            else System.clearProperty(tool.systemProperty());
        }
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        if (params.getInitializationOptions() instanceof JsonElement options) settings = settings.merge(options);
        applyToolPaths(settings);
        ParentProcessWatcher.watch(params.getProcessId(), () -> exit.accept(1));
        workspace.clientCapabilities(params.getCapabilities());
        workers.execute(BrambleLanguageServer::warmUp);
        return CompletableFuture.completedFuture(new InitializeResult(capabilities(), new ServerInfo("bramble", "0.1.0")));
    }

    /** A small design that touches every stage (parser, resolver, catalogue, planner, estimator). */
    private static final String WARM_UP = """
            model warm {
                dim = 4
                weights random seed 1
                embedding e [8, dim]
                rmsnorm
                attention heads 2 {
                    linear q [dim -> dim]
                    linear k [dim -> dim]
                    linear v [dim -> dim]
                    linear o [dim -> dim]
                }
                linear out [dim -> 8] relu
                sample temperature 1.0 seed 1
            }
            target t {
                device xc7a35t
                clock 50 MHz
                lanes 4
            }
            """;

    /**
     * Loads and initialises the analysis pipeline's classes (ANTLR's ATN, the device catalogue,
     * the planner) while the editor is still busy between {@code initialize} and {@code didOpen},
     * so the first real document does not pay for it.
     */
    private static void warmUp() {
        try {
            DocumentAnalysis.analyze("file:///bramble-warm-up.bramble", 0, WARM_UP, Settings.DEFAULT);
        } catch (RuntimeException e) {
            System.err.println("bramble lsp: warm-up failed (harmless): " + e);
        }
    }

    static ServerCapabilities capabilities() {
        ServerCapabilities c = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        c.setTextDocumentSync(sync);
        c.setHoverProvider(true);
        c.setCompletionProvider(new CompletionOptions(false, List.of(" ", "[", "=")));
        c.setDefinitionProvider(true);
        c.setReferencesProvider(true);
        c.setDocumentSymbolProvider(true);
        c.setFoldingRangeProvider(true);
        c.setDocumentFormattingProvider(true);
        c.setRenameProvider(new RenameOptions(true));
        c.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
        c.setSemanticTokensProvider(new SemanticTokensWithRegistrationOptions(
                dev.bramble.lsp.services.SemanticTokensService.LEGEND, true));
        c.setInlayHintProvider(true);
        c.setCodeLensProvider(new org.eclipse.lsp4j.CodeLensOptions(false));
        c.setDiagnosticProvider(new DiagnosticRegistrationOptions(false, false));
        c.setExecuteCommandProvider(new ExecuteCommandOptions(BrambleWorkspaceService.COMMANDS));
        return c;
    }

    @Override
    public void initialized(InitializedParams params) {
        workspace.pullConfiguration();
    }

    @Override
    public void cancelProgress(org.eclipse.lsp4j.WorkDoneProgressCancelParams params) {
        if (params.getToken() != null && params.getToken().isLeft()) workspace.cancelProgress(params.getToken().getLeft());
    }

    /**
     * Answers once the work already accepted is done: requests sent before {@code shutdown} get
     * their responses (the client may be waiting for them) and running analyses publish. Pending
     * debounced analyses are dropped: nobody will look at them.
     */
    @Override
    public CompletableFuture<Object> shutdown() {
        shutdownRequested = true;
        timer.shutdownNow();
        workers.shutdown();
        return CompletableFuture.supplyAsync(() -> {
            try {
                if (!workers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    System.err.println("bramble lsp: work still running 10 s after shutdown; exiting anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }, runnable -> {
            Thread t = new Thread(runnable, "bramble-lsp-shutdown");
            t.setDaemon(true);
            t.start();
        });
    }

    @Override
    public void exit() {
        workers.shutdownNow();
        timer.shutdownNow();
        exit.accept(shutdownRequested ? 0 : 1);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return textDocuments;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
