package dev.bramble.lsp;

import dev.bramble.lsp.analysis.DocumentAnalysis;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.bramble.lsp.services.CodeLensService;
import dev.bramble.lsp.services.HardwareCommands;
import dev.bramble.errors.UserError;
import dev.bramble.tools.ToolError;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.WorkDoneProgressReport;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.ConfigurationItem;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Settings ({@code workspace/configuration}, {@code didChangeConfiguration}) and {@code workspace/executeCommand}. */
final class BrambleWorkspaceService implements WorkspaceService {
    static final List<String> COMMANDS = List.of(CodeLensService.ESTIMATE, CodeLensService.EMIT, CodeLensService.SIMULATE,
            CodeLensService.SYNTH, CodeLensService.BUILD);

    private final BrambleLanguageServer server;
    private final DocumentStore documents;
    private final Executor workers;
    private volatile boolean clientHasConfiguration;
    private volatile boolean clientHasProgress;
    private final HardwareCommands hardware = new HardwareCommands();
    private final dev.bramble.lsp.services.BoardBuildCommand boards = new dev.bramble.lsp.services.BoardBuildCommand();
    /** Commands run long (a simulation takes seconds): their own threads, so analysis never waits for them. */
    private final ExecutorService commandThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bramble-lsp-command");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();

    BrambleWorkspaceService(BrambleLanguageServer server, DocumentStore documents, Executor workers) {
        this.server = server;
        this.documents = documents;
        this.workers = workers;
    }

    void clientCapabilities(ClientCapabilities capabilities) {
        clientHasConfiguration = capabilities != null && capabilities.getWorkspace() != null
                && Boolean.TRUE.equals(capabilities.getWorkspace().getConfiguration());
        clientHasProgress = capabilities != null && capabilities.getWindow() != null
                && Boolean.TRUE.equals(capabilities.getWindow().getWorkDoneProgress());
    }

    /** Asks the client for the {@code bramble} section; the answer arrives later, never blocking the message thread. */
    void pullConfiguration() {
        if (!clientHasConfiguration || server.client() == null) return;
        ConfigurationItem item = new ConfigurationItem();
        item.setSection("bramble");
        server.client().configuration(new ConfigurationParams(List.of(item))).thenAccept(values -> {
            if (values != null && !values.isEmpty() && values.get(0) instanceof JsonElement json) server.updateSettings(json);
        }).exceptionally(e -> {
            System.err.println("bramble lsp: workspace/configuration failed: " + e);
            return null;
        });
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        // Clients differ: some push the settings here, others send null and expect a pull.
        if (params.getSettings() instanceof JsonElement json && json.isJsonObject() && json.getAsJsonObject().size() > 0) {
            server.updateSettings(json);
        } else {
            pullConfiguration();
        }
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        // Weights files may change on disk: nothing cached depends on them yet.
    }

    /**
     * {@code bramble.estimate|emit|simulate|synth|build} with arguments {@code [uri, targetName?]}.
     * Runs on a command thread, reports {@code $/progress} (begin, a report per stage, end) and
     * shows its outcome as a message; cancelling the request or the progress interrupts it, which
     * kills a running simulator.
     */
    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        String command = params.getCommand();
        if (!COMMANDS.contains(command)) {
            result.completeExceptionally(error("unknown command '" + command + "'; this server knows " + COMMANDS));
            return result;
        }
        List<Object> args = params.getArguments() == null ? List.of() : params.getArguments();
        String uri = argument(args, 0);
        String target = argument(args, 1);
        if (uri == null) {
            result.completeExceptionally(error(command + " needs the document's URI as its first argument"));
            return result;
        }
        String token = params.getWorkDoneToken() != null && params.getWorkDoneToken().isLeft()
                ? params.getWorkDoneToken().getLeft() : "bramble-" + tokens.incrementAndGet();
        boolean ownToken = params.getWorkDoneToken() == null;
        Future<?> job = commandThreads.submit(() -> run(command, uri, target, token, ownToken, result));
        running.put(token, job);
        result.whenComplete((v, e) -> {
            running.remove(token);
            if (result.isCancelled()) job.cancel(true);
        });
        return result;
    }

    /** {@code window/workDoneProgress/cancel}: the user pressed cancel on the progress notification. */
    void cancelProgress(String token) {
        Future<?> job = running.get(token);
        if (job != null) job.cancel(true);
    }

    private void run(String command, String uri, String target, String token, boolean ownToken, CompletableFuture<Object> result) {
        BrambleLanguageClient client = server.client();
        boolean progress = client != null && (!ownToken || createProgress(client, token));
        String title = "Bramble: " + command.substring("bramble.".length());
        if (progress) notify(client, token, begin(title));
        try {
            DocumentAnalysis analysis = analysisOf(uri);
            java.util.function.Consumer<String> stage = message -> {
                if (Thread.currentThread().isInterrupted()) throw new CancellationException();
                if (progress) notify(client, token, report(message));
            };
            JsonObject out = switch (command) {
                case CodeLensService.ESTIMATE -> hardware.estimate(analysis, target);
                case CodeLensService.EMIT -> hardware.emit(analysis, target, stage);
                case CodeLensService.SIMULATE -> hardware.simulate(analysis, target, stage);
                case CodeLensService.SYNTH -> hardware.synth(analysis, target, stage);
                case CodeLensService.BUILD -> boards.build(analysis, target, stage);
                default -> throw new IllegalStateException("unhandled command " + command);
            };
            if (Thread.currentThread().isInterrupted()) throw new CancellationException();
            String message = out.has("message") ? out.get("message").getAsString() : title + ": done";
            if (progress) notify(client, token, end(message));
            if (client != null && !command.equals(CodeLensService.ESTIMATE)) {
                client.showMessage(new MessageParams(MessageType.Info, message));
            }
            result.complete(out);
        } catch (CancellationException e) {
            // Interrupted: the user cancelled. Otherwise an edit overtook the analysis: ContentModified.
            boolean userCancelled = Thread.currentThread().isInterrupted() || result.isCancelled();
            String message = userCancelled ? title + " cancelled" : title + ": the document changed meanwhile; run it again";
            if (progress) notify(client, token, end(message));
            result.completeExceptionally(new ResponseErrorException(new ResponseError(
                    userCancelled ? ResponseErrorCode.RequestCancelled : ResponseErrorCode.ContentModified, message, null)));
        } catch (UserError | ToolError | IOException e) {
            boolean cancelled = Thread.currentThread().isInterrupted();
            String message = cancelled ? title + " cancelled" : title + " failed: " + e.getMessage();
            if (progress) notify(client, token, end(message));
            // One error per failure: the estimate's caller shows the error response itself, so no
            // showMessage for it (it came back twice); the long-running commands keep their message.
            if (client != null && !cancelled && !command.equals(CodeLensService.ESTIMATE)) {
                client.showMessage(new MessageParams(MessageType.Error, message));
            }
            result.completeExceptionally(new ResponseErrorException(new ResponseError(
                    cancelled ? ResponseErrorCode.RequestCancelled : ResponseErrorCode.RequestFailed, message, null)));
        } catch (RuntimeException | StackOverflowError e) {
            if (progress) notify(client, token, end("internal error"));
            System.err.println("bramble lsp: " + command + " failed (a bug; please report it with the file): " + e);
            result.completeExceptionally(error(title + ": internal error: " + e + " (please report this with the file)"));
        }
    }

    /** The open document's analysis, or the file on disk analysed now (a command may name a closed file). */
    private DocumentAnalysis analysisOf(String uri) throws IOException, UserError {
        DocumentAnalysis open = documents.analysis(uri);
        if (open != null) return open;
        java.nio.file.Path path;
        try {
            path = java.nio.file.Path.of(java.net.URI.create(uri));
        } catch (RuntimeException e) {
            throw new UserError(uri + " is neither open nor a file");
        }
        return DocumentAnalysis.analyze(uri, 0, dev.bramble.project.DesignFiles.read(path), server.settings());
    }

    private static boolean createProgress(BrambleLanguageClient client, String token) {
        try {
            client.createProgress(new WorkDoneProgressCreateParams(Either.forLeft(token))).get(10, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;   // the client does not do progress: the command still runs
        }
    }

    private static void notify(BrambleLanguageClient client, String token, WorkDoneProgressNotification n) {
        client.notifyProgress(new ProgressParams(Either.forLeft(token), Either.forLeft(n)));
    }

    private static WorkDoneProgressBegin begin(String title) {
        WorkDoneProgressBegin b = new WorkDoneProgressBegin();
        b.setTitle(title);
        b.setCancellable(true);
        return b;
    }

    private static WorkDoneProgressReport report(String message) {
        WorkDoneProgressReport r = new WorkDoneProgressReport();
        r.setMessage(message);
        return r;
    }

    private static WorkDoneProgressEnd end(String message) {
        WorkDoneProgressEnd e = new WorkDoneProgressEnd();
        e.setMessage(message);
        return e;
    }

    private static String argument(List<Object> args, int i) {
        if (args.size() <= i || args.get(i) == null) return null;
        Object a = args.get(i);
        if (a instanceof JsonElement j) return j.isJsonPrimitive() ? j.getAsString() : null;
        return a.toString();
    }

    private static ResponseErrorException error(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }
}
