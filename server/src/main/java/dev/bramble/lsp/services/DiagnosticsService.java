package dev.bramble.lsp.services;

import com.google.gson.Gson;
import dev.bramble.lang.source.Severity;
import dev.bramble.lsp.analysis.Convert;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * Every diagnostic of an analysed document (language and budget), in LSP form. The language layer's {@code data}
 * (what a quick fix needs) travels in {@link Diagnostic#getData()} so code actions can use it
 * without re-analysing.
 */
public final class DiagnosticsService {
    public static final String SOURCE = "bramble";
    private static final Gson GSON = new Gson();

    public List<Diagnostic> diagnostics(DocumentAnalysis analysis, CancelChecker cancel) {
        List<Diagnostic> out = new ArrayList<>();
        for (dev.bramble.lang.source.Diagnostic d : analysis.allDiagnostics()) {
            cancel.checkCanceled();
            out.add(toLsp(d));
        }
        return out;
    }

    public static Diagnostic toLsp(dev.bramble.lang.source.Diagnostic d) {
        Diagnostic out = new Diagnostic(Convert.range(d.range()), d.message(), severity(d.severity()), SOURCE, d.code());
        if (!d.data().isEmpty()) out.setData(GSON.toJsonTree(d.data()));
        return out;
    }

    static DiagnosticSeverity severity(Severity s) {
        return switch (s) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFORMATION -> DiagnosticSeverity.Information;
            case HINT -> DiagnosticSeverity.Hint;
        };
    }
}
