package dev.bramble.lsp;

import com.google.gson.JsonElement;
import java.util.List;
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
    static final List<String> COMMANDS = List.of();

    private final BrambleLanguageServer server;
    private final DocumentStore documents;
    private final Executor workers;
    private volatile boolean clientHasConfiguration;

    BrambleWorkspaceService(BrambleLanguageServer server, DocumentStore documents, Executor workers) {
        this.server = server;
        this.documents = documents;
        this.workers = workers;
    }

    void clientCapabilities(ClientCapabilities capabilities) {
        clientHasConfiguration = capabilities != null && capabilities.getWorkspace() != null
                && Boolean.TRUE.equals(capabilities.getWorkspace().getConfiguration());
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

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        CompletableFuture<Object> failed = new CompletableFuture<>();
        failed.completeExceptionally(new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                "unknown command '" + params.getCommand() + "'; this server knows " + COMMANDS, null)));
        return failed;
    }
}
