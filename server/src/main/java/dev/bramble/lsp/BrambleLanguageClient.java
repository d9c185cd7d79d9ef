package dev.bramble.lsp;

import com.google.gson.JsonObject;
import org.eclipse.lsp4j.jsonrpc.services.JsonNotification;
import org.eclipse.lsp4j.services.LanguageClient;

/** The client as this server sees it: LSP plus Bramble's own notifications. Clients that do not know them ignore them. */
public interface BrambleLanguageClient extends LanguageClient {
    /**
     * {@code bramble/budget}: the current target's totals after each analysis, for a status bar.
     * Shape: {@code {uri, version, target, device, items: [{resource, used, available, percent}], cyclesPerToken, tokensPerSecond}}.
     */
    @JsonNotification("bramble/budget")
    void budget(JsonObject params);
}
