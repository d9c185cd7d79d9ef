package dev.bramble.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;

/** Connects a {@link BrambleLanguageServer} to a client over a pair of streams (stdio for {@code bramble lsp}). */
public final class LspServerMain {
    private LspServerMain() {}

    /**
     * Serves until the input ends or the client sends {@code exit}; returns the exit status.
     * The caller must have made sure nothing else writes to {@code out}.
     */
    public static int serve(InputStream in, OutputStream out, IntConsumer exit) {
        BrambleLanguageServer server = new BrambleLanguageServer(exit);
        Launcher<BrambleLanguageClient> launcher = new LSPLauncher.Builder<BrambleLanguageClient>()
                .setLocalService(server)
                .setRemoteInterface(BrambleLanguageClient.class)
                .setInput(in)
                .setOutput(out)
                .create();
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        try {
            listening.get();
            return 0;   // the client closed our input: nothing more will come
        } catch (ExecutionException e) {
            System.err.println("bramble lsp: connection failed: " + e.getCause());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
