package dev.bramble.lsp.services;

import static dev.bramble.lsp.LspAssert.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.lang.Bramble;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import dev.bramble.project.DesignChecks;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bramble check}, {@code bramble estimate} and the editor report through one pipeline
 * ({@link DesignChecks}): the same diagnostics in the same order, and budget diagnostics about a
 * layer point at the layer's header line, not at a whole attention block.
 */
class OnePipelineTest {
    /**
     * microGPT without its norms at width 512 on an xc7a35t at 89 lanes (block RAM and DSP over,
     * on the part line and on the layer that tips each: attention's reciprocal, the core's only
     * scalar unit without a norm, tips the DSPs the lanes nearly fill), and a second target with
     * an unknown part.
     */
    static final String TEXT = exampleFirstTarget("microgpt").replace("5CSEMA5F31C6", "xc7a35t").replace("dim     = 16", "dim     = 512")
            .replaceAll("(?m)^( *)rmsnorm$", "$1// no norm").replace("lanes   16", "lanes   89")
            .replace("\"microgpt.safetensors\"", "random seed 3")
            + "\ntarget other {\n    device  nosuchpart9\n    clock   50 MHz\n    lanes   2\n}\n";

    @Test
    void editorAndCheckReportTheSameDiagnosticsInTheSameOrder() {
        DocumentAnalysis editor = analyze(TEXT);
        List<Diagnostic> check = DesignChecks.all(Bramble.analyze(Path.of(java.net.URI.create(URI)).toString(), TEXT),
                Path.of(java.net.URI.create(URI)).getParent());
        assertEquals(check, editor.allDiagnostics());
        List<String> codes = editor.allDiagnostics().stream().map(Diagnostic::code).toList();
        assertTrue(codes.contains("dsp-over") && codes.contains("unknown-device"), codes.toString());
        for (int i = 1; i < check.size(); i++) {
            assertTrue(check.get(i - 1).range().start().compareTo(check.get(i).range().start()) <= 0, "out of order: " + check);
        }
    }

    @Test
    void estimateShowsItsTargetsBudgetDiagnosticsAsCheckDoes() {
        DesignChecks.Result all = DesignChecks.run(Bramble.analyze("x.bramble", TEXT), Path.of(""), () -> {});
        DesignChecks.Result costs = DesignChecks.costs(Bramble.analyze("x.bramble", TEXT), () -> {});
        for (String target : List.of("de1soc", "other")) {
            assertEquals(all.target(target).orElseThrow().budget(), costs.target(target).orElseThrow().budget(), target);
            assertTrue(all.diagnostics().containsAll(costs.target(target).orElseThrow().budget()), target);
        }
        assertTrue(costs.target("de1soc").orElseThrow().available());
        assertEquals("the part is not in the catalogue", costs.target("other").orElseThrow().why());
    }

    @Test
    void aLayerBudgetDiagnosticPointsAtTheLayersHeaderLine() {
        DocumentAnalysis a = analyze(TEXT);
        List<Diagnostic> over = a.allDiagnostics().stream().filter(d -> d.code().equals("dsp-over")).toList();
        assertEquals(2, over.size(), over.toString());
        for (Diagnostic d : over) {
            assertEquals(d.range().start().line(), d.range().end().line(), "spans lines: " + d);
        }
        Diagnostic layer = over.stream().filter(d -> !a.source().line(d.range().start().line()).contains("device")).findFirst().orElseThrow();
        String line = a.source().line(layer.range().start().line());
        assertTrue(line.contains("attention"), line);
        String shown = line.substring(layer.range().start().character(), layer.range().end().character());
        assertEquals(line.strip().replaceAll("\\s*\\{$", "").replaceAll("\\s*//.*$", ""), shown, layer.toString());
    }
}
