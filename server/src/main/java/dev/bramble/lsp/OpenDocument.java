package dev.bramble.lsp;

import dev.bramble.lsp.analysis.Settings;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/**
 * One document the client has open: its latest text and version, and the analysis of exactly
 * that version once someone asked for it. All state changes happen under this object's monitor,
 * which is also what makes "publish only if still current" atomic (see {@link #ifCurrent}).
 */
public final class OpenDocument {
    private final String uri;
    private int version;
    private String text;
    private boolean open = true;
    private CompletableFuture<DocumentAnalysis> analysis;   // of {@link #version}, or null
    private int analysisVersion = Integer.MIN_VALUE;

    OpenDocument(String uri, int version, String text) {
        this.uri = uri;
        this.version = version;
        this.text = text;
    }

    public String uri() {
        return uri;
    }

    public synchronized int version() {
        return version;
    }

    public synchronized String text() {
        return text;
    }

    synchronized void update(int newVersion, List<TextDocumentContentChangeEvent> changes) {
        text = TextEdits.apply(text, changes);
        version = newVersion;
        analysis = null;
    }

    synchronized void close() {
        open = false;
        analysis = null;
    }

    synchronized void invalidate() {
        analysis = null;
    }

    /**
     * The analysis of the current version: the cached one, or a new future that the caller
     * must complete by calling {@link Computation#run()} (outside any lock).
     */
    synchronized Computation analysisFor(Settings settings, DocumentStore.Analyzer analyzer) {
        if (analysis != null && analysisVersion == version) return new Computation(analysis, null);
        int v = version;
        String t = text;
        CompletableFuture<DocumentAnalysis> future = new CompletableFuture<>();
        analysis = future;
        analysisVersion = v;
        return new Computation(future, () -> {
            try {
                future.complete(analyzer.analyze(uri, v, t, settings, () -> {
                    if (!isCurrent(v)) throw new CancellationException("version " + v + " superseded");
                }));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        });
    }

    /** Runs {@code action} only while the document is open at {@code expectedVersion}; true if it ran. */
    public synchronized boolean ifCurrent(int expectedVersion, Runnable action) {
        if (!open || version != expectedVersion) return false;
        action.run();
        return true;
    }

    public synchronized boolean isCurrent(int expectedVersion) {
        return open && version == expectedVersion;
    }

    /**
     * A cached or fresh analysis; {@code compute} is null when the result was cached. A fresh
     * one stops early (the future fails with a CancellationException) when the document moves
     * on to a newer version or closes while it runs.
     */
    record Computation(CompletableFuture<DocumentAnalysis> result, Runnable compute) {
        DocumentAnalysis join() {
            if (compute != null) compute.run();
            return result.join();
        }
    }
}
