package dev.bramble.lsp.analysis;

import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.source.Limits;
import dev.bramble.lang.source.SourceText;
import dev.bramble.project.DesignChecks;
import dev.bramble.project.TargetEstimate;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * Everything the features need about one version of one document, computed once and shared by
 * every request for that version (diagnostics, hover, hints, lenses, ...): the result of the
 * one analysis pipeline {@code bramble check} and {@code bramble estimate} also run
 * ({@link DesignChecks}), and the document's tokens, lexed once on first use (like lemminx's
 * parse cache, per version). Immutable apart from that memo.
 */
public final class DocumentAnalysis {
    private final String uri;
    private final int version;
    private final DesignChecks.Result checked;
    private final Settings settings;
    private final Lexed lexed;

    /** The tokens of one text, lexed at most once however many features and threads ask. */
    private static final class Lexed {
        private final SourceText source;
        private volatile LexedText tokens;

        Lexed(SourceText source) {
            this.source = source;
        }

        LexedText get() {
            LexedText t = tokens;
            if (t == null) {
                synchronized (this) {
                    t = tokens;
                    if (t == null) tokens = t = new LexedText(source);
                }
            }
            return t;
        }
    }

    private DocumentAnalysis(String uri, int version, DesignChecks.Result checked, Settings settings, Lexed lexed) {
        this.uri = uri;
        this.version = version;
        this.checked = checked;
        this.settings = settings;
        this.lexed = lexed;
    }

    public static DocumentAnalysis analyze(String uri, int version, String text, Settings settings) {
        return analyze(uri, version, text, settings, () -> {});
    }

    /**
     * As above; {@code stale} is checked between the stages (language, weights, each target's
     * estimate), so a version the user has already typed past stops early instead of taking CPU
     * from the one that matters.
     */
    public static DocumentAnalysis analyze(String uri, int version, String text, Settings settings, CancelChecker stale) {
        Design design;
        try {
            design = Bramble.analyze(sourceName(uri), text);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // Bramble.analyze catches its own failures; this is the last line of defence.
            design = new Design(sourceName(uri), new SourceText(""), List.of(), List.of(),
                    List.of(Limits.internal("analysing the file", e)), List.of());
        }
        DesignChecks.Result checked;
        try {
            // The weights file is read from disk (cached by path and time), relative to the document.
            checked = DesignChecks.run(design, baseDir(uri), stale::checkCanceled);
        } catch (java.util.concurrent.CancellationException superseded) {
            throw superseded;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // A bug in the weights check, the planner or the estimator: the language's own findings
            // still show, with one 'internal' diagnostic saying what to report; no estimates.
            List<Diagnostic> found = new java.util.ArrayList<>(design.diagnostics());
            found.add(Limits.internal("checking weights and resources", e));
            found.sort(java.util.Comparator.comparing((Diagnostic d) -> d.range().start()));   // the pipeline's order
            checked = new DesignChecks.Result(design, Limits.capped(found), List.of());
        }
        return new DocumentAnalysis(uri, version, checked, settings, new Lexed(design.source()));
    }

    /** The same analysis seen with other settings (the hardware commands' chosen target): tokens shared. */
    public DocumentAnalysis withSettings(Settings other) {
        return new DocumentAnalysis(uri, version, checked, other, lexed);
    }

    public String uri() {
        return uri;
    }

    /** The client's version number of the text analysed. */
    public int version() {
        return version;
    }

    public Design design() {
        return checked.design();
    }

    public List<TargetEstimate> estimates() {
        return checked.estimates();
    }

    public Settings settings() {
        return settings;
    }

    /** The document's tokens, comments included: lexed once per version, shared by every feature. */
    public LexedText lexed() {
        return lexed.get();
    }

    /** Every diagnostic (language, weights, budget), in the pipeline's order: what {@code bramble check} prints. */
    public List<Diagnostic> allDiagnostics() {
        return checked.diagnostics();
    }

    /** The target the editor shows: the {@code defaultTarget} setting when it exists, else the first. */
    public Optional<TargetEstimate> currentTarget() {
        if (settings.defaultTarget() != null) {
            Optional<TargetEstimate> chosen = checked.target(settings.defaultTarget());
            if (chosen.isPresent()) return chosen;
        }
        return estimates().isEmpty() ? Optional.empty() : Optional.of(estimates().get(0));
    }

    public Optional<TargetEstimate> target(String name) {
        if (name == null) return currentTarget();
        return checked.target(name);
    }

    public SourceText source() {
        return design().source();
    }

    public String text() {
        return design().source().text();
    }

    /** The folder weights paths are relative to: the document's own, or the working directory. */
    static Path baseDir(String uri) {
        Path source = Path.of(sourceName(uri));
        return source.isAbsolute() && source.getParent() != null ? source.getParent() : Path.of("");
    }

    /** A readable name for messages: the file path for file: URIs, else the URI itself. */
    static String sourceName(String uri) {
        try {
            URI u = URI.create(uri);
            if ("file".equals(u.getScheme())) return Path.of(u).toString();
        } catch (RuntimeException e) {
            // not a URI we can map to a path: the URI is still a fine name
        }
        return uri;
    }
}
