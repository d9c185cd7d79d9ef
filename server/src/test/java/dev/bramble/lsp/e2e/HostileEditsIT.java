package dev.bramble.lsp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import dev.bramble.lsp.analysis.Settings;
import dev.bramble.lsp.services.DiagnosticsService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzz of the real server over stdio: thousands of random incremental edits (ranges past
 * the end of lines and of the file, {@code \r}, {@code \r\n}, brackets, huge numbers) with random
 * requests in flight, checkpoints that compare what the server publishes with an independent
 * analysis of the client's own copy of the text, and the probes of issue 17 (huge context, huge
 * repeats, deep nesting, NUL, weights that are a FIFO, a link to /dev/zero or a directory). No
 * request may answer −32603, stderr must hold no stack trace, and every probe is answered within
 * 2 s. {@code -Dbramble.fuzz.edits=N} and {@code -Dbramble.fuzz.seed=S} change the run.
 */
class HostileEditsIT {
    static final int EDITS = Integer.getInteger("bramble.fuzz.edits", 10_000);
    static final long SEED = Long.getLong("bramble.fuzz.seed", 17L);
    static final long PROBE_MILLIS = 2_000;
    static final long WAIT = 30_000;

    @TempDir
    Path dir;

    String uri;
    int version = 1;
    final List<CompletableFuture<?>> inFlight = new ArrayList<>();
    int requests;

    static final String[] SOUP = {"{", "}", "[", "]", "(", ")", "\n", "\r", "\r\n", " ", "block b ", "residual ", "rmsnorm\n",
        "linear x [dim -> dim]\n", "context = 999999999\n", "999999999", "dim", "vocab", "-", "*", "/", "+", "..", "->", "=",
        "\"", "é", "😀", "attention heads 4 ", "sample temperature 0.5\n", "argmax", "target t { device xc7a35t }\n", "0", "16"};

    @Test
    void randomEditsAndHostileProbesNeverBreakTheServer() throws Exception {
        Path example = Path.of("..", "examples", "microgpt").toAbsolutePath().normalize();
        Files.copy(example.resolve("microgpt.safetensors"), dir.resolve("microgpt.safetensors"));
        Path file = dir.resolve("fuzz.bramble");
        String original = Files.readString(example.resolve("microgpt.bramble"));
        Files.writeString(file, original);
        uri = file.toUri().toString();
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe.safetensors").toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        Files.createSymbolicLink(dir.resolve("zero.safetensors"), Path.of("/dev/zero"));
        Files.createDirectories(dir.resolve("folder.safetensors"));

        try (ServerProcess sp = ServerProcess.start("hostile-edits", ServerProcess.launcherOptions())) {
            JsonObject options = new JsonObject();
            options.addProperty("debounceMillis", 5);
            sp.server.initialize(LanguageServerIT.initialize(options)).get(WAIT, TimeUnit.MILLISECONDS);
            sp.server.initialized(new InitializedParams());
            TextDocumentService docs = sp.server.getTextDocumentService();
            docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "bramble", version, original)));
            sp.client.awaitDiagnostics(p -> p.getVersion() != null && p.getVersion() == 1, WAIT);

            Random random = new Random(SEED);
            String text = original;
            long start = System.nanoTime();
            for (int i = 1; i <= EDITS; i++) {
                if (text.length() > 6_000) {
                    text = original;
                    docs.didChange(LanguageServerIT.change(uri, ++version, null, text));
                    continue;
                }
                Range range = randomRange(random, text);
                String insert = randomText(random);
                text = Mirror.apply(text, range, insert);
                docs.didChange(LanguageServerIT.change(uri, ++version, range, insert));
                if (random.nextInt(4) == 0) inFlight.add(randomRequest(random, docs, text));
                if (i % 50 == 0) {
                    // Let this version be analysed and published, so the analysis runs on many texts, not just the last.
                    int v = version;
                    sp.client.awaitDiagnostics(p -> p.getVersion() != null && p.getVersion() == v, WAIT);
                }
                if (i % 1_000 == 0) checkpoint(sp, text);
            }
            double editSeconds = (System.nanoTime() - start) / 1e9;
            checkpoint(sp, text);

            // The probes of issue 17, each as a whole-text change; each must publish and answer within 2 s.
            String ctx = original.replace("context = 16", "context = 999999999");
            probe(sp, docs, ctx, "too-large");
            String typed = original;
            for (String step : List.of("context = 16", "context = 160", "context = 16000", "context = 160000000", "context = 1600000000")) {
                typed = original.replace("context = 16", step);
                probe(sp, docs, typed, null);
            }
            probe(sp, docs, original.replace("block layer0 {", "block layer0[0..3000] {"), "empty-repeat");
            probe(sp, docs, nested(original, "block b {\n", 1_000), "nesting-depth");
            probe(sp, docs, nested(original, "residual {\n", 10_000), "nesting-depth");
            probe(sp, docs, original.replace("vocab   = 27", "vocab   = " + "(".repeat(4_000) + "27" + ")".repeat(4_000)), "nesting-depth");
            probe(sp, docs, original.replace("microgpt.safetensors\"", "a\0b.safetensors\""), "not-text");
            probe(sp, docs, original.replace("microgpt.safetensors\"", "pipe.safetensors\""), "weights-unreadable");
            probe(sp, docs, original.replace("microgpt.safetensors\"", "zero.safetensors\""), "weights-unreadable");
            probe(sp, docs, original.replace("microgpt.safetensors\"", "folder.safetensors\""), "weights-unreadable");
            probe(sp, docs, original.replace("\n", "\r"), null);
            // The same again: the failure is remembered, not re-read.
            probe(sp, docs, original.replace("microgpt.safetensors\"", "zero.safetensors\""), "weights-unreadable");
            // A replacement whose range ends past the end of its line replaces, it does not insert.
            probe(sp, docs, original, null);
            int line = lineOf(original, "context = 16");
            long t0 = System.nanoTime();
            docs.didChange(LanguageServerIT.change(uri, ++version, LanguageServerIT.range(line, 0, line, Integer.MAX_VALUE), "    context = 16"));
            int v = version;
            PublishDiagnosticsParams clamped = sp.client.awaitDiagnostics(p -> p.getVersion() != null && p.getVersion() == v, WAIT);
            assertTrue((System.nanoTime() - t0) / 1_000_000 < PROBE_MILLIS + 1_000);
            assertEquals("", LanguageServerIT.lines(clamped.getDiagnostics()), "replacing a whole line must leave microGPT clean");

            for (CompletableFuture<?> f : inFlight) settle(f);
            // No stale publication: versions only ever go up, and the last one is the last version's.
            Thread.sleep(500);
            List<PublishDiagnosticsParams> all = sp.client.allDiagnostics();
            int previous = 0;
            for (PublishDiagnosticsParams p : all) {
                assertTrue(p.getVersion() > previous, "version " + p.getVersion() + " published after " + previous);
                previous = p.getVersion();
            }
            assertEquals(version, previous, "the last publication is not the last version's");
            long rssKb = rssKb(sp.process.pid());
            System.err.printf("hostile edits: %d edits + %d requests in %.1f s (seed %d), server RSS %d MB at the end%n",
                    EDITS, requests, editSeconds, SEED, rssKb / 1024);
            assertTrue(rssKb <= LanguageServerMemoryIT.LIMIT_MB * 1024, "server RSS " + rssKb / 1024 + " MB after the fuzz, over "
                    + LanguageServerMemoryIT.LIMIT_MB + " MB (launcher options " + ServerProcess.launcherOptions() + ")");

            sp.server.shutdown().get(WAIT, TimeUnit.MILLISECONDS);
            sp.server.exit();
            assertEquals(0, sp.awaitExit(20_000));
            String stderr = sp.stderr();
            assertFalse(stderr.contains("\tat ") || stderr.contains("Exception in thread"), "a stack trace on stderr:\n" + stderr);
            assertFalse(stderr.contains("failed"), "a feature failed:\n" + stderr);
        }
    }

    /** Whole-text change to {@code text}: diagnostics must arrive within 2 s and a hover and outline must answer within 2 s. */
    void probe(ServerProcess sp, TextDocumentService docs, String text, String expectedCode) throws Exception {
        long t0 = System.nanoTime();
        docs.didChange(LanguageServerIT.change(uri, ++version, null, text));
        int v = version;
        TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
        var hover = docs.hover(new HoverParams(id, new Position(3, 6)));
        var outline = docs.documentSymbol(new DocumentSymbolParams(id));
        // The features that parse or lex the text themselves must survive it too.
        var others = List.of(docs.formatting(new DocumentFormattingParams(id, new FormattingOptions(4, true))),
                docs.semanticTokensFull(new SemanticTokensParams(id)), docs.codeLens(new CodeLensParams(id)),
                docs.foldingRange(new FoldingRangeRequestParams(id)),
                docs.inlayHint(new InlayHintParams(id, new Range(new Position(0, 0), new Position(30_000, 0)))));
        PublishDiagnosticsParams published = sp.client.awaitDiagnostics(p -> p.getVersion() != null && p.getVersion() == v, WAIT);
        long publishMillis = (System.nanoTime() - t0) / 1_000_000;
        settle(hover);
        settle(outline);
        for (var f : others) settle(f);
        long answerMillis = (System.nanoTime() - t0) / 1_000_000;
        String what = (expectedCode == null ? "probe" : expectedCode) + " (version " + v + ")";
        System.err.printf("hostile probe %s: published in %d ms, answered in %d ms%n", what, publishMillis, answerMillis);
        assertTrue(publishMillis <= PROBE_MILLIS, what + ": published after " + publishMillis + " ms");
        assertTrue(answerMillis <= PROBE_MILLIS, what + ": answered after " + answerMillis + " ms");
        List<String> codes = published.getDiagnostics().stream().map(d -> d.getCode().getLeft()).toList();
        assertFalse(codes.contains("internal"), what + ": " + codes);
        if (expectedCode != null) assertTrue(codes.contains(expectedCode), what + ": " + LanguageServerIT.lines(published.getDiagnostics()));
        assertTrue(codes.size() <= 501, what + ": " + codes.size() + " diagnostics");
    }

    /** What the server publishes for the current version equals an in-process analysis of the client's copy. */
    void checkpoint(ServerProcess sp, String text) throws Exception {
        int v = version;
        PublishDiagnosticsParams published = sp.client.awaitDiagnostics(p -> p.getVersion() != null && p.getVersion() == v, WAIT);
        DocumentAnalysis expected = DocumentAnalysis.analyze(uri, v, text, Settings.DEFAULT);
        List<Diagnostic> mine = new DiagnosticsService().diagnostics(expected, () -> {});
        assertEquals(LanguageServerIT.lines(mine), LanguageServerIT.lines(published.getDiagnostics()),
                "version " + v + ": the server's text diverged from the client's");
    }

    /** Waits for a response: any result, ContentModified or RequestCancelled; never InternalError, never late. */
    static void settle(CompletableFuture<?> f) throws Exception {
        try {
            f.get(PROBE_MILLIS * 5, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ResponseErrorException r) {
                int code = r.getResponseError().getCode();
                assertTrue(code == ResponseErrorCode.ContentModified.getValue(), "a request answered " + code + ": "
                        + r.getResponseError().getMessage() + "\n" + r.getResponseError().getData());
            } else {
                fail("a request failed: " + cause);
            }
        }
    }

    CompletableFuture<?> randomRequest(Random random, TextDocumentService docs, String text) {
        requests++;
        TextDocumentIdentifier id = new TextDocumentIdentifier(uri);
        Position at = new Position(random.nextInt(60), random.nextInt(40));
        return switch (random.nextInt(10)) {
            case 0 -> docs.hover(new HoverParams(id, at));
            case 1 -> docs.completion(new CompletionParams(id, at));
            case 2 -> docs.documentSymbol(new DocumentSymbolParams(id));
            case 3 -> docs.semanticTokensFull(new SemanticTokensParams(id));
            case 4 -> docs.inlayHint(new InlayHintParams(id, new Range(new Position(0, 0), new Position(200, 0))));
            case 5 -> docs.codeLens(new CodeLensParams(id));
            case 6 -> docs.foldingRange(new FoldingRangeRequestParams(id));
            case 7 -> docs.formatting(new DocumentFormattingParams(id, new FormattingOptions(4, true)));
            case 8 -> docs.definition(new DefinitionParams(id, at));
            default -> docs.codeAction(new CodeActionParams(id, new Range(at, at), new CodeActionContext(List.of())));
        };
    }

    static Range randomRange(Random random, String text) {
        int lines = Mirror.lineStarts(text).size();
        int l1 = random.nextInt(lines + 1);
        int c1 = random.nextInt(10) == 0 ? Integer.MAX_VALUE : random.nextInt(50);
        int l2 = l1 + (random.nextInt(3) == 0 ? random.nextInt(3) : 0);
        int c2 = random.nextInt(8) == 0 ? Integer.MAX_VALUE : random.nextInt(50);
        if (l2 == l1 && c2 < c1) { int t = c1; c1 = c2; c2 = t; }
        return new Range(new Position(l1, c1), new Position(l2, c2));
    }

    static String randomText(Random random) {
        if (random.nextInt(3) == 0) return "";
        StringBuilder b = new StringBuilder();
        for (int n = random.nextInt(3) + 1; n > 0; n--) b.append(SOUP[random.nextInt(SOUP.length)]);
        return b.toString();
    }

    static String nested(String original, String opener, int depth) {
        return original.replace("    linear lm_head", opener.repeat(depth) + "}\n".repeat(depth) + "    linear lm_head");
    }

    static int lineOf(String text, String needle) {
        int offset = text.indexOf(needle);
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (Exception e) {
            // not Linux: no figure
        }
        return -1;
    }

    /** The client's copy of the text, edited as the LSP specification says (written apart from the server's code). */
    static final class Mirror {
        private static final Pattern BREAK = Pattern.compile("\r\n|\r|\n");

        static List<int[]> lineStarts(String text) {
            List<int[]> lines = new ArrayList<>();   // [start, contentEnd]
            Matcher m = BREAK.matcher(text);
            int start = 0;
            while (m.find()) {
                lines.add(new int[] {start, m.start()});
                start = m.end();
            }
            lines.add(new int[] {start, text.length()});
            return lines;
        }

        static int offset(String text, Position p) {
            List<int[]> lines = lineStarts(text);
            if (p.getLine() >= lines.size()) return text.length();
            int[] line = lines.get(p.getLine());
            return (int) Math.min((long) line[0] + p.getCharacter(), line[1]);
        }

        static String apply(String text, Range range, String insert) {
            int s = offset(text, range.getStart());
            int e = Math.max(s, offset(text, range.getEnd()));
            return text.substring(0, s) + insert + text.substring(e);
        }
    }

    @Test
    void theMirrorFollowsTheSpecification() {
        assertEquals("ab\nXd", Mirror.apply("ab\ncd", new Range(new Position(1, 0), new Position(1, 1)), "X"));
        assertEquals("ab\rX", Mirror.apply("ab\rcd", new Range(new Position(1, 0), new Position(1, Integer.MAX_VALUE)), "X"));
        assertEquals("aX\r\ncd", Mirror.apply("ab\r\ncd", new Range(new Position(0, 1), new Position(0, 99)), "X"));
        assertEquals(List.of(0, 3, 4), lineStartsOf("ab\r\rcd"));
    }

    static List<Integer> lineStartsOf(String text) {
        return Mirror.lineStarts(text).stream().map(l -> l[0]).collect(Collectors.toList());
    }
}
