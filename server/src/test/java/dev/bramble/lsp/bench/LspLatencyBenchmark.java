package dev.bramble.lsp.bench;

import com.google.gson.JsonObject;
import dev.bramble.lsp.BrambleLanguageClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * Measures what the user feels, through the real jar over stdio, started with the JVM options
 * the {@code bramble} launcher gives {@code bramble lsp}: the time from sending a
 * {@code didChange} to receiving the {@code publishDiagnostics} of that version (debounce
 * included), and to the answer of a {@code documentSymbol} request sent right after the edit
 * (it waits for that version's analysis), for microGPT and a generated 2,000-line design; and
 * cold start (process launch to the first diagnostics). Prints the figures; docs/benchmarks.md
 * records them. {@code --jvm "OPTIONS"} measures under other JVM options ({@code --jvm ""}: the
 * JVM's defaults).
 *
 * <pre>mvn -q -B -pl server -am package -DskipTests
 * java -cp server/target/bramble.jar:server/target/test-classes dev.bramble.lsp.bench.LspLatencyBenchmark [--cold-start-only] [--jvm "OPTIONS"]</pre>
 */
public final class LspLatencyBenchmark {
    public static void main(String[] args) throws Exception {
        boolean coldOnly = false;
        String jvm = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--cold-start-only")) coldOnly = true;
            else if (args[i].equals("--jvm") && i + 1 < args.length) jvm = args[++i];
        }
        Path jar = Path.of("server/target/bramble.jar");
        if (!Files.isRegularFile(jar)) {
            System.err.println("benchmark: " + jar + " is missing; run 'mvn -q -B -pl server -am package -DskipTests' first");
            System.exit(2);
        }
        String microgpt = Files.readString(Path.of(jar.toAbsolutePath().getParent().getParent().getParent().toString(),
                "examples", "microgpt", "microgpt.bramble"));
        String big = largeDesign(2_000);
        jvmOptions = jvm != null ? (jvm.isBlank() ? List.of() : List.of(jvm.trim().split("\\s+"))) : launcherOptions(Path.of("bramble"));
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, load average %s; server JVM options %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                loadAverage(), jvmOptions);
        for (int debounce : coldOnly ? new int[0] : new int[] {20, 0}) {
            latency(jar, "microGPT (" + microgpt.lines().count() + " lines)", microgpt, debounce, 200, 1000);
            latency(jar, "generated (" + big.lines().count() + " lines)", big, debounce, 100, 300);
        }
        if (!coldOnly) inProcess(big, 200, 500);
        coldStart(jar, microgpt, 5);
        firstDiagnosticsAfterOpen(jar, microgpt, 5);
    }

    private static List<String> jvmOptions = List.of();

    /**
     * The server's work per edit of the 2,000-line design, in this JVM: analysis (the check
     * pipeline) plus the outline and the diagnostics as the server sends them, in wall time and
     * in this thread's CPU time. The CPU figure barely moves with the machine's load, so it tells
     * a regression from a busy machine (the wall figures above do not).
     */
    private static void inProcess(String text, int warmup, int runs) {
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        String other = text.replace("context = 16", "context = 15");
        var symbols = new dev.bramble.lsp.services.DocumentSymbolService();
        var diagnostics = new dev.bramble.lsp.services.DiagnosticsService();
        double[] wall = new double[runs];
        double[] used = new double[runs];
        for (int i = 0; i < warmup + runs; i++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            var a = dev.bramble.lsp.analysis.DocumentAnalysis.analyze("file:///bench/big.bramble", i, i % 2 == 0 ? other : text,
                    dev.bramble.lsp.analysis.Settings.DEFAULT);
            symbols.symbols(a, () -> {});
            diagnostics.diagnostics(a, () -> {});
            long t1 = System.nanoTime();
            long c1 = cpu.getCurrentThreadCpuTime();
            if (i >= warmup) {
                wall[i - warmup] = (t1 - t0) / 1e6;
                used[i - warmup] = (c1 - c0) / 1e6;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(used);
        System.out.printf(Locale.ROOT, "in-process analysis + outline + diagnostics, generated (%d lines), this JVM: wall median %.1f ms, p99 %.1f ms; CPU median %.1f ms, p99 %.1f ms (%d edits after %d warm-up)%n",
                text.lines().count(), wall[runs / 2], wall[(int) Math.ceil(runs * 0.99) - 1], used[runs / 2],
                used[(int) Math.ceil(runs * 0.99) - 1], runs, warmup);
    }

    /** The {@code lsp_jvm_options=(...)} of the launcher script. */
    static List<String> launcherOptions(Path launcher) throws java.io.IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^lsp_jvm_options=\\(([^)]*)\\)").matcher(Files.readString(launcher));
        if (!m.find()) throw new IllegalStateException(launcher + " has no lsp_jvm_options=(...) line");
        return List.of(m.group(1).trim().split("\\s+"));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /**
     * Editors open the document a moment after {@code initialize} (they build their UI): the time
     * from {@code didOpen} to the first diagnostics when that moment is 500 ms.
     */
    private static void firstDiagnosticsAfterOpen(Path jar, String text, int runs) throws Exception {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            try (Session session = new Session(jar, 20)) {
                Thread.sleep(500);
                long t0 = System.nanoTime();
                session.open("file:///bench/first.bramble", text);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "first diagnostics (didOpen 500 ms after initialize -> publishDiagnostics), microGPT: median %.0f ms, min %.0f ms, max %.0f ms (%d runs)%n",
                ms[runs / 2], ms[0], ms[runs - 1], runs);
    }

    /** A transformer-ish design of about {@code lines} lines: many small blocks, all valid. */
    public static String largeDesign(int lines) {
        StringBuilder s = new StringBuilder("// generated for the LSP latency benchmark\nmodel big {\n    vocab = 27\n    context = 16\n    dim = 8\n\n"
                + "    weights random seed 1\n    tokens \"abcdefghijklmnopqrstuvwxyz\" bos\n    numeric weights q4.12, activations q4.12\n\n"
                + "    embedding wte [vocab, dim]\n    embedding wpe [context, dim] position\n");
        int block = 0;
        while (s.toString().lines().count() < lines - 12) {
            s.append("    block b").append(block++).append(" {\n")
                    .append("        residual {\n            rmsnorm\n            linear up [dim -> 2 * dim] relu  // widen\n")
                    .append("            linear down [2 * dim -> dim]\n        }\n    }\n");
        }
        s.append("    rmsnorm\n    linear lm_head [dim -> vocab]\n    sample temperature 0.5 seed 2\n}\n\n")
                .append("target t {\n    device  5CSEMA5F31C6\n    clock   50 MHz\n    lanes   16\n    storage bram\n}\n");
        return s.toString();
    }

    private static void latency(Path jar, String name, String text, int debounce, int warmup, int runs) throws Exception {
        try (Session session = new Session(jar, debounce)) {
            String uri = "file:///bench/" + name.replaceAll("[^a-zA-Z0-9]", "") + ".bramble";
            session.open(uri, text);
            String a = text.replace("context = 16", "context = 15");
            double[] ms = new double[runs];
            double[] symbols = new double[runs];
            org.eclipse.lsp4j.TextDocumentIdentifier id = new org.eclipse.lsp4j.TextDocumentIdentifier(uri);
            for (int i = 0; i < warmup + runs; i++) {
                int version = i + 2;
                long t0 = System.nanoTime();
                session.change(uri, version, i % 2 == 0 ? a : text);
                var outline = session.server.getTextDocumentService().documentSymbol(new org.eclipse.lsp4j.DocumentSymbolParams(id));
                outline.get(60, TimeUnit.SECONDS);
                long t1 = System.nanoTime();
                session.awaitVersion(uri, version);
                long t2 = System.nanoTime();
                if (i >= warmup) {
                    symbols[i - warmup] = (t1 - t0) / 1e6;
                    ms[i - warmup] = (t2 - t0) / 1e6;
                }
            }
            Arrays.sort(ms);
            Arrays.sort(symbols);
            System.out.printf(Locale.ROOT, "didChange -> publishDiagnostics, %s, debounce %d ms: median %.1f ms, p99 %.1f ms, max %.1f ms (%d edits after %d warm-up)%n",
                    name, debounce, ms[runs / 2], ms[(int) Math.ceil(runs * 0.99) - 1], ms[runs - 1], runs, warmup);
            System.out.printf(Locale.ROOT, "didChange -> documentSymbol answered, %s, debounce %d ms: median %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    name, debounce, symbols[runs / 2], symbols[(int) Math.ceil(runs * 0.99) - 1], symbols[runs - 1]);
        }
    }

    private static void coldStart(Path jar, String text, int runs) throws Exception {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            try (Session session = new Session(jar, 20)) {
                session.open("file:///bench/cold.bramble", text);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "cold start (process launch -> first publishDiagnostics), microGPT: median %.0f ms, min %.0f ms, max %.0f ms (%d runs)%n",
                ms[runs / 2], ms[0], ms[runs - 1], runs);
    }

    /** One server process and a minimal client that records the newest published version per document. */
    private static final class Session implements AutoCloseable, BrambleLanguageClient {
        final Process process;
        final LanguageServer server;
        final ConcurrentHashMap<String, Integer> published = new ConcurrentHashMap<>();

        Session(Path jar, int debounce) throws Exception {
            List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString(), "lsp"));
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Launcher<LanguageServer> launcher = new LSPLauncher.Builder<LanguageServer>().setLocalService(this)
                    .setRemoteInterface(LanguageServer.class).setInput(process.getInputStream())
                    .setOutput(process.getOutputStream()).create();
            launcher.startListening();
            server = launcher.getRemoteProxy();
            InitializeParams init = new InitializeParams();
            init.setProcessId((int) ProcessHandle.current().pid());
            init.setCapabilities(new ClientCapabilities());
            JsonObject options = new JsonObject();
            options.addProperty("debounceMillis", debounce);
            init.setInitializationOptions(options);
            server.initialize(init).get(60, TimeUnit.SECONDS);
            server.initialized(new InitializedParams());
        }

        void open(String uri, String text) throws InterruptedException {
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "bramble", 1, text)));
            awaitVersion(uri, 1);
        }

        void change(String uri, int version, String text) {
            server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version),
                    List.of(new TextDocumentContentChangeEvent(text))));
        }

        synchronized void awaitVersion(String uri, int version) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 60_000;
            while (published.getOrDefault(uri, 0) < version) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) throw new IllegalStateException("no diagnostics for version " + version + " within 60 s");
                wait(left);
            }
        }

        @Override
        public synchronized void publishDiagnostics(PublishDiagnosticsParams p) {
            if (p.getVersion() != null) published.merge(p.getUri(), p.getVersion(), Math::max);
            notifyAll();
        }

        @Override
        public void budget(JsonObject params) {}

        @Override
        public void telemetryEvent(Object object) {}

        @Override
        public void showMessage(MessageParams params) {}

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams params) {}

        @Override
        public void close() throws Exception {
            try {
                server.shutdown().get(10, TimeUnit.SECONDS);
                server.exit();
                process.waitFor(10, TimeUnit.SECONDS);
            } finally {
                process.destroyForcibly();
            }
        }
    }

}
