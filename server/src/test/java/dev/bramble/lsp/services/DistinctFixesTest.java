package dev.bramble.lsp.services;

import static dev.bramble.lsp.LspAssert.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.lsp.analysis.DocumentAnalysis;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.Test;

/** The same fix for several diagnostics is offered once (eglot listed "Use xcvu9p (vcu118)" three times on one line). */
class DistinctFixesTest {
    @Test
    void budgetDiagnosticsOfOneTargetShareOneFix() {
        String dim512 = exampleFirstTarget("microgpt").replace("5CSEMA5F31C6", "xc7a35t").replace("dim     = 16", "dim     = 512")
                .replace("\"microgpt.safetensors\"", "random seed 3");
        DocumentAnalysis a = analyze(dim512);
        List<Diagnostic> over = new DiagnosticsService().diagnostics(a, NEVER).stream()
                .filter(d -> d.getCode().getLeft().endsWith("-over")).toList();
        assertTrue(over.size() >= 2, "the fixture needs several budget diagnostics: " + over.size());
        var actions = new CodeActionService().actions(a, over, NEVER);
        List<String> titles = actions.stream().map(e -> e.getRight().getTitle()).toList();
        assertEquals(titles.stream().distinct().toList(), titles, "a fix offered twice");
        var first = actions.get(0).getRight();
        assertTrue(first.getDiagnostics().size() >= 2, "the kept action names every diagnostic it fixes: " + first.getDiagnostics());
    }
}
