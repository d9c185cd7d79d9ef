package dev.bramble.lsp;

import dev.bramble.lang.Bramble;
import dev.bramble.lang.Design;
import dev.bramble.lang.SourceText;
import java.net.URI;
import java.nio.file.Path;

/**
 * Everything the features need about one version of one document, computed once and shared by
 * every request for that version (diagnostics, hover, hints, ...). Immutable.
 *
 * @param uri      the document's URI as the client sent it
 * @param version  the client's version number of the text analysed
 * @param design   the language layer's result: the same analysis {@code bramble check} runs
 */
public record DocumentAnalysis(String uri, int version, Design design, Settings settings) {

    public static DocumentAnalysis analyze(String uri, int version, String text, Settings settings) {
        return new DocumentAnalysis(uri, version, Bramble.analyze(sourceName(uri), text), settings);
    }

    public SourceText source() {
        return design.source();
    }

    public String text() {
        return design.source().text();
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
