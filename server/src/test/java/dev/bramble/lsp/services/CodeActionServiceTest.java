package dev.bramble.lsp.services;

import static dev.bramble.lsp.LspAssert.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bramble.lsp.DocumentAnalysis;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CodeActionServiceTest {

    @Test
    void unknownNameOffersTheClosestConstants() {
        DocumentAnalysis a = analyze(example("microgpt").replace("[vocab, dim]", "[vocab, dimm]"));
        var diagnostics = new DiagnosticsService().diagnostics(a, NEVER);
        String actions = new CodeActionService().actions(a, diagnostics, NEVER).stream()
                .map(e -> e.getRight().getTitle() + " " + e.getRight().getKind() + " "
                        + show(e.getRight().getEdit().getChanges().get(URI).get(0).getRange()) + "="
                        + e.getRight().getEdit().getChanges().get(URI).get(0).getNewText())
                .collect(Collectors.joining("\n"));
        assertEquals("Change to 'dim' quickfix r(10, 26, 10, 30)=dim", actions);
    }
}
