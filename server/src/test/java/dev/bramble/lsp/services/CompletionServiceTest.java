package dev.bramble.lsp.services;

import static dev.bramble.lsp.LspAssert.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CompletionItem;
import org.junit.jupiter.api.Test;

class CompletionServiceTest {
    private final CompletionService service = new CompletionService(() -> {
        CompletionItem part = new CompletionItem("xc7a35t");
        part.setDetail("Artix-7");
        return List.of(part);
    });

    private String labels(String textWithBar) {
        Cursor c = cursor(textWithBar);
        return service.complete(c.analysis(), c.position(), NEVER).getItems().stream()
                .map(CompletionItem::getLabel).collect(Collectors.joining(" "));
    }

    private String constantDetails(String textWithBar) {
        Cursor c = cursor(textWithBar);
        return service.complete(c.analysis(), c.position(), NEVER).getItems().stream()
                .map(i -> i.getLabel() + " " + i.getDetail()).collect(Collectors.joining(", "));
    }

    @Test
    void topLevel() {
        assertEquals("model target", labels("|"));
        assertEquals("model target", labels("model m {\n}\nta|"));
    }

    @Test
    void modelBodyOffersFieldsAndLayers() {
        assertEquals("weights tokens numeric input embedding rmsnorm layernorm linear attention residual block sample argmax",
                labels("model m {\n    |\n}"));
    }

    @Test
    void nestedBodyOffersLayersOnly() {
        assertEquals("embedding rmsnorm layernorm linear attention residual block sample argmax",
                labels("model m {\n    residual {\n        li|\n    }\n}"));
        assertEquals("embedding rmsnorm layernorm linear attention residual block sample argmax",
                labels("model m {\n    block b { |"));
    }

    @Test
    void afterAClosedBlockTheModelBodyContinues() {
        assertEquals("weights tokens numeric input embedding rmsnorm layernorm linear attention residual block sample argmax",
                labels("model m {\n    residual {\n    }\n    |\n}"));
    }

    @Test
    void targetBodyOffersTargetFields() {
        assertEquals("device board clock lanes storage budget baud", labels("target t {\n    |\n}"));
    }

    @Test
    void deviceNamesFromTheCatalogueAfterDevice() {
        assertEquals("xc7a35t", labels("target t {\n    device |\n}"));
        assertEquals("xc7a35t", labels("target t {\n    device xc7|\n}"));
    }

    @Test
    void statementOptions() {
        assertEquals("bram lut auto", labels("target t {\n    storage |\n}"));
        assertEquals("MHz kHz GHz", labels("target t {\n    clock 50 |\n}"));
        assertEquals("relu gelu bias tied weights from", labels("model m {\n    linear a [4 -> 4] |\n}"));
        assertEquals("erf tanh", labels("model m {\n    linear a [4 -> 4] gelu |\n}"));
        assertEquals("relu gelu bias tied weights from", labels("model m {\n    linear a [4 -> 4] bias |\n}"));
        assertEquals("part transposed", labels("model m {\n    linear a [4 -> 4] from \"h.0.c\" |\n}"));
        assertEquals("gain bias weights from", labels("model m {\n    layernorm ln |\n}"));
        assertEquals("gain weights from", labels("model m {\n    rmsnorm ln |\n}"));
        assertEquals("keys", labels("model m {\n    weights \"m.safetensors\" |\n}"));
        assertEquals("nanogpt hf-gpt2", labels("model m {\n    weights \"m.safetensors\" keys |\n}"));
        assertEquals("position weights from", labels("model m {\n    embedding p [4, 4] |\n}"));
        assertEquals("heads", labels("model m {\n    attention |\n}"));
        assertEquals("temperature", labels("model m {\n    sample |\n}"));
        assertEquals("random", labels("model m {\n    weights |\n}"));
        assertEquals("bos", labels("model m {\n    tokens \"ab\" |\n}"));
    }

    @Test
    void numericFormats() {
        assertEquals("weights", labels("model m {\n    numeric |\n}"));
        assertEquals("q1.7 q1.15 q2.14 q4.12 q8.8 q8.24 q16.16", labels("model m {\n    numeric weights |\n}"));
        assertEquals("activations", labels("model m {\n    numeric weights q4.12, |\n}"));
        assertEquals("q1.7 q1.15 q2.14 q4.12 q8.8 q8.24 q16.16", labels("model m {\n    input x [8] q|\n}"));
    }

    @Test
    void formatDetailSaysBitsAndRange() {
        Cursor c = cursor("model m {\n    numeric weights |\n}");
        CompletionItem q412 = service.complete(c.analysis(), c.position(), NEVER).getItems().get(3);
        assertEquals("q4.12 16-bit signed fixed point, -8 … 7.999756", q412.getLabel() + " " + q412.getDetail());
    }

    @Test
    void constantsWhereAnExpressionGoes() {
        assertEquals("vocab = 27, context = 16, dim = 16", constantDetails(microgptWithCursorBefore("vocab, dim]")));
        assertEquals("vocab = 27, context = 16, dim = 16", constantDetails(example("microgpt").replace("heads 4", "heads |")));
    }
}
