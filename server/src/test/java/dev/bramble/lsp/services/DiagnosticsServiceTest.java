package dev.bramble.lsp.services;

import static dev.bramble.lsp.LspAssert.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.Test;

class DiagnosticsServiceTest {
    private final DiagnosticsService service = new DiagnosticsService();

    private String diagnostics(String text) {
        List<Diagnostic> found = service.diagnostics(analyze(text), NEVER);
        return found.stream().map(d -> show(d.getRange()) + " " + d.getSeverity() + " " + d.getCode().getLeft()
                + " " + d.getSource()).collect(Collectors.joining("\n"));
    }

    @Test
    void exampleIsClean() {
        assertEquals("", diagnostics(example("microgpt")));
        assertEquals("", diagnostics(example("digits")));
    }

    @Test
    void unknownConstantIsAnErrorOnItsName() {
        String text = example("microgpt").replace("[vocab, dim]", "[vocab, dimm]");
        assertEquals("r(10, 26, 10, 30) Error unknown-name bramble", diagnostics(text));
    }

    @Test
    void quickFixDataTravelsInData() {
        String text = example("microgpt").replace("[vocab, dim]", "[vocab, dimm]");
        Diagnostic d = service.diagnostics(analyze(text), NEVER).get(0);
        assertEquals("{\"suggestions\":[\"dim\"]}", d.getData().toString());
    }

    @Test
    void syntaxErrorIsReported() {
        assertEquals("r(0, 10, 0, 11) Error syntax bramble",
                diagnostics("model m { = 4 }").lines().filter(l -> l.contains("syntax")).findFirst().orElse("none"));
    }
}
