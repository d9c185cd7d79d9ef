package dev.bramble.lsp.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import dev.bramble.lsp.BrambleLanguageClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.ApplyWorkspaceEditResponse;
import org.eclipse.lsp4j.ConfigurationParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.WorkDoneProgressCreateParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The real server jar ({@code server/target/bramble.jar}) as a child process, driven by an lsp4j
 * client over its stdin/stdout: exactly what an editor does. Records every notification the
 * server sends so tests can wait for the one they expect.
 */
public final class ServerProcess implements AutoCloseable {
    public final Process process;
    public final LanguageServer server;
    public final RecordingClient client;
    public final Path stderrLog;

    private ServerProcess(Process process, LanguageServer server, RecordingClient client, Path stderrLog) {
        this.process = process;
        this.server = server;
        this.client = client;
        this.stderrLog = stderrLog;
    }

    /** The packaged jar; fails the test with what to run when it is missing. */
    public static Path jar() {
        Path jar = Path.of("target", "bramble.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            fail("the server jar " + jar + " is missing: these end-to-end tests drive the packaged server. "
                    + "Run 'mvn -pl server -am verify' (it packages before the integration tests) "
                    + "or 'mvn -pl server -am package' first.");
        }
        return jar;
    }

    public static ServerProcess start(String name) throws IOException {
        // -Dbramble.server.jvmOptions="-XX:+UseSerialGC -Xmx128m" measures the server under other JVM options.
        String jvmOptions = System.getProperty("bramble.server.jvmOptions", "").trim();
        return start(name, jvmOptions.isEmpty() ? List.of() : List.of(jvmOptions.split("\\s+")));
    }

    /**
     * The JVM options the {@code bramble} launcher gives {@code bramble lsp} (its
     * {@code lsp_jvm_options=(...)} line): the end-to-end tests that measure the server start it
     * exactly as users do.
     */
    public static List<String> launcherOptions() {
        Path launcher = Path.of("..", "bramble").toAbsolutePath().normalize();
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^lsp_jvm_options=\\(([^)]*)\\)").matcher(Files.readString(launcher));
            if (!m.find()) fail(launcher + " has no lsp_jvm_options=(...) line");
            return List.of(m.group(1).trim().split("\\s+"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The server started with these JVM options before {@code -jar}. */
    public static ServerProcess start(String name, List<String> jvmOptions) throws IOException {
        Path log = Files.createDirectories(Path.of("target", "lsp-e2e")).resolve(name + ".stderr.log");
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString(), "lsp"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(log.toFile());
        Process process = pb.start();
        RecordingClient client = new RecordingClient();
        Launcher<LanguageServer> launcher = new LSPLauncher.Builder<LanguageServer>()
                .setLocalService(client)
                .setRemoteInterface(LanguageServer.class)
                .setInput(process.getInputStream())
                .setOutput(process.getOutputStream())
                .create();
        launcher.startListening();
        return new ServerProcess(process, launcher.getRemoteProxy(), client, log);
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String stderr() {
        try {
            return Files.readString(stderrLog);
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) process.destroyForcibly();
    }

    /** The client side of the connection: answers the server's requests and records its notifications. */
    public static final class RecordingClient implements BrambleLanguageClient {
        private final List<PublishDiagnosticsParams> diagnostics = new ArrayList<>();
        private final List<JsonObject> budgets = new ArrayList<>();
        public final List<MessageParams> messages = new ArrayList<>();
        public final List<ProgressParams> progress = new ArrayList<>();
        public volatile JsonObject configuration = new JsonObject();

        @Override
        public synchronized void publishDiagnostics(PublishDiagnosticsParams params) {
            diagnostics.add(params);
            notifyAll();
        }

        @Override
        public synchronized void budget(JsonObject params) {
            budgets.add(params);
            notifyAll();
        }

        public synchronized List<PublishDiagnosticsParams> allDiagnostics() {
            return List.copyOf(diagnostics);
        }

        public synchronized List<JsonObject> allBudgets() {
            return List.copyOf(budgets);
        }

        /** Waits for a publishDiagnostics matching {@code which}; fails with everything received when none comes. */
        public synchronized PublishDiagnosticsParams awaitDiagnostics(Predicate<PublishDiagnosticsParams> which, long timeoutMillis)
                throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            int seen = 0;
            while (true) {
                for (; seen < diagnostics.size(); seen++) {
                    if (which.test(diagnostics.get(seen))) return diagnostics.get(seen);
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) fail("no matching publishDiagnostics within " + timeoutMillis + " ms; received: " + diagnostics);
                wait(left);
            }
        }

        public synchronized JsonObject awaitBudget(Predicate<JsonObject> which, long timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (true) {
                for (JsonObject b : budgets) if (which.test(b)) return b;
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) fail("no matching bramble/budget within " + timeoutMillis + " ms; received: " + budgets);
                wait(left);
            }
        }

        @Override
        public void telemetryEvent(Object object) {}

        @Override
        public synchronized void showMessage(MessageParams params) {
            messages.add(params);
            notifyAll();
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized void logMessage(MessageParams params) {
            messages.add(params);
        }

        @Override
        public CompletableFuture<List<Object>> configuration(ConfigurationParams params) {
            List<Object> out = new ArrayList<>();
            params.getItems().forEach(i -> out.add(configuration));
            return CompletableFuture.completedFuture(out);
        }

        @Override
        public CompletableFuture<Void> createProgress(WorkDoneProgressCreateParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized void notifyProgress(ProgressParams params) {
            progress.add(params);
            notifyAll();
        }

        @Override
        public CompletableFuture<ApplyWorkspaceEditResponse> applyEdit(ApplyWorkspaceEditParams params) {
            return CompletableFuture.completedFuture(new ApplyWorkspaceEditResponse(false));
        }
    }

    /** Waits for the process to end; fails when it does not within the timeout. */
    public int awaitExit(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            fail("the server did not exit within " + timeoutMillis + " ms; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    static File examplesDir() {
        return Path.of("..", "examples").toAbsolutePath().normalize().toFile();
    }
}
