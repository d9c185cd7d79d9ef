package dev.bramble.lsp;

import dev.bramble.lsp.analysis.Settings;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * The open documents and the per-version analysis cache. Analyses are computed lazily, at most
 * once per version, on whichever worker thread asks first; later askers for the same version
 * wait on the same future.
 */
public final class DocumentStore {
    private final ConcurrentHashMap<String, OpenDocument> documents = new ConcurrentHashMap<>();
    private final Supplier<Settings> settings;
    private final Analyzer analyzer;

    /** How one version of a document is analysed: {@link DocumentAnalysis#analyze} (tests slow it down to overtake it). */
    @FunctionalInterface
    public interface Analyzer {
        DocumentAnalysis analyze(String uri, int version, String text, Settings settings, CancelChecker stale);
    }

    public DocumentStore(Supplier<Settings> settings) {
        this(settings, DocumentAnalysis::analyze);
    }

    public DocumentStore(Supplier<Settings> settings, Analyzer analyzer) {
        this.settings = settings;
        this.analyzer = analyzer;
    }

    public OpenDocument open(String uri, int version, String text) {
        OpenDocument doc = new OpenDocument(uri, version, text);
        OpenDocument old = documents.put(uri, doc);
        if (old != null) old.close();
        return doc;
    }

    public OpenDocument change(String uri, int version, List<TextDocumentContentChangeEvent> changes) {
        OpenDocument doc = documents.get(uri);
        if (doc != null) doc.update(version, changes);
        return doc;
    }

    public OpenDocument close(String uri) {
        OpenDocument doc = documents.remove(uri);
        if (doc != null) doc.close();
        return doc;
    }

    public OpenDocument get(String uri) {
        return documents.get(uri);
    }

    public Collection<OpenDocument> all() {
        return documents.values();
    }

    /** Drops every cached analysis (the settings changed, so estimates may differ). */
    public void invalidateAll() {
        documents.values().forEach(OpenDocument::invalidate);
    }

    /** The analysis of the document's current version, or null when it is not open. Call on a worker thread. */
    public DocumentAnalysis analysis(String uri) {
        OpenDocument doc = documents.get(uri);
        return doc == null ? null : doc.analysisFor(settings.get(), analyzer).join();
    }

    public DocumentAnalysis analysis(OpenDocument doc) {
        return doc.analysisFor(settings.get(), analyzer).join();
    }
}
