package dev.bramble.lsp.e2e;

import static dev.bramble.lsp.e2e.LanguageServerIT.change;
import static dev.bramble.lsp.e2e.LanguageServerIT.initialize;
import static dev.bramble.lsp.e2e.LanguageServerIT.lines;
import static dev.bramble.lsp.e2e.LanguageServerIT.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.bramble.synth.TinyDesigns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.ProgressParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The budget story and the one-click commands, through the real jar: microGPT on an Artix-7
 * xc7a35t, {@code dim} raised until the weights no longer fit, the error on the right lines, the
 * quick fix applied, clean again; then Generate Verilog and Simulate with their progress and results.
 */
class BudgetAndCommandsIT {
    static final long WAIT = 30_000;

    /**
     * microGPT on the xc7a35t at dim 16 fits: the weights, the multipliers (every product of the
     * norms and of attention on the 16 lanes) and the logic (the activation rows in LUT RAM).
     */
    static final String CLEAN_AT_DIM_16 = "";

    @Test
    void budgetErrorQuickFixAndCommands(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("microgpt.bramble");
        // the example's first target (its board target after it has budget errors of its own at dim 512)
        String text = dev.bramble.lsp.LspAssert.exampleFirstTarget("microgpt").replace("5CSEMA5F31C6", "xc7a35t")
                // Random weights: resizing dim must show the budget story alone, not the trained file's shapes.
                .replaceFirst("weights \\s*\"microgpt.safetensors\"", "weights random seed 42");
        Files.writeString(file, text);
        String uri = file.toUri().toString();
        try (ServerProcess sp = ServerProcess.start("budget-and-commands")) {
            JsonObject options = new JsonObject();
            options.addProperty("debounceMillis", 10);
            sp.server.initialize(initialize(options)).get(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS);
            sp.server.initialized(new InitializedParams());
            var docs = sp.server.getTextDocumentService();
            docs.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "bramble", 1, text)));
            // The generated microGPT core fits an Artix-7 35T.
            assertEquals(CLEAN_AT_DIM_16, lines(sp.client.awaitDiagnostics(p -> version(p) == 1, WAIT).getDiagnostics()));
            JsonObject budget = sp.client.awaitBudget(b -> b.get("version").getAsInt() == 1, WAIT);
            assertEquals("xc7a35t", budget.get("device").getAsString());
            // 16 weight banks, the KV cache 8 RAMB18 (K's 16 rows and V's of 256 bits), the seed table 1, four head lanes' exp tables 2 each
            assertEquals(16 + 8 + 1 + 4 * 2, budget.getAsJsonArray("items").get(0).getAsJsonObject().get("used").getAsInt());

            // Inlay hints and code lenses of the clean design.
            List<InlayHint> hints = docs.inlayHint(new InlayHintParams(new TextDocumentIdentifier(uri), range(0, 0, 41, 0))).get(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertEquals(14, hints.size());
            assertTrue(hints.get(0).getLabel().getLeft().matches("≈ \\d+ RAMB18 · \\d+ DSP · [\\d.]+ cyc"), hints.get(0).getLabel().getLeft());
            String lenses = docs.codeLens(new CodeLensParams(new TextDocumentIdentifier(uri))).get().stream()
                    .map(l -> l.getCommand().getTitle()).collect(Collectors.joining(" | "));
            assertTrue(lenses.matches("RAMB18 33/100 · DSP \\d+/90 · \\d+ cyc/token · \\d+k tok/s \\| Generate Verilog \\| Simulate \\| Synthesize"), lenses);

            // dim 16 -> 512 (line 4 is "    dim     = 16"): the weights outgrow the part.
            docs.didChange(change(uri, 2, range(4, 14, 4, 16), "512"));
            PublishDiagnosticsParams over = sp.client.awaitDiagnostics(p -> version(p) == 2, WAIT);
            assertEquals("""
                    18:16 bram-over layer0.attn_wq brings weights to 4.5 Mbit in 256 RAMB18; xc7a35t has 100
                    36:4 bram-over weights need 2816 RAMB18; xc7a35t has 100 (50.9 Mbit of weights, 16 lanes)""",
                    lines(over.getDiagnostics().stream().filter(d -> d.getCode().getLeft().equals("bram-over")).toList()));
            assertTrue(sp.client.awaitBudget(b -> b.get("version").getAsInt() == 2, WAIT).toString().contains("\"used\":2816"));

            // Apply the quick fix: the smallest catalogue part that holds 50.9 Mbit of weights.
            List<CodeAction> fixes = docs.codeAction(new CodeActionParams(new TextDocumentIdentifier(uri),
                    firstBramOver(over).getRange(), new CodeActionContext(List.of(firstBramOver(over)))))
                    .get().stream().map(e -> e.getRight()).toList();
            assertEquals("Use xcvu9p (vcu118)", fixes.get(0).getTitle());
            TextEdit fix = fixes.get(0).getEdit().getChanges().get(uri).get(0);
            docs.didChange(change(uri, 3, fix.getRange(), fix.getNewText()));
            assertEquals("", lines(sp.client.awaitDiagnostics(p -> version(p) == 3, WAIT).getDiagnostics()));
            assertEquals("xcvu9p", sp.client.awaitBudget(b -> b.get("version").getAsInt() == 3, WAIT).get("device").getAsString());

            // dim 512 -> 128 and the part back to xc7a35t: too big again; the fix list now has a 7-series part.
            docs.didChange(change(uri, 4, range(4, 14, 4, 17), "128"));
            int partLine = fix.getRange().getStart().getLine(), partColumn = fix.getRange().getStart().getCharacter();
            docs.didChange(change(uri, 5, range(partLine, partColumn, partLine, partColumn + "xcvu9p".length()), "xc7a35t"));
            PublishDiagnosticsParams over128 = sp.client.awaitDiagnostics(p -> version(p) == 5, WAIT);
            assertEquals("36:4 bram-over weights need 192 RAMB18; xc7a35t has 100 (3.3 Mbit of weights, 16 lanes)",
                    lines(over128.getDiagnostics()).lines().filter(l -> l.startsWith("36:4 bram-over")).findFirst().orElse(""));
            // Attention's products run on the lanes: at dim 128 the multipliers still fit (they were
            // 201 DSP48E1 when attention had one multiplier per element).
            assertTrue(lines(over128.getDiagnostics()).lines().noneMatch(l -> l.contains("dsp-over")), lines(over128.getDiagnostics()));
            List<CodeAction> fixes128 = docs.codeAction(new CodeActionParams(new TextDocumentIdentifier(uri),
                    firstBramOver(over128).getRange(), new CodeActionContext(List.of(firstBramOver(over128)))))
                    .get().stream().map(e -> e.getRight()).toList();
            assertEquals("Use xc7a100t (arty-a7-100)", fixes128.get(0).getTitle());

            // Back to dim 16, then the commands.
            docs.didChange(change(uri, 6, range(4, 14, 4, 17), "16"));
            assertEquals(CLEAN_AT_DIM_16, lines(sp.client.awaitDiagnostics(p -> version(p) == 6, WAIT).getDiagnostics()));

            JsonObject estimate = json(sp.server.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams("bramble.estimate", List.of(uri, "de1soc"))).get());
            assertEquals(4192, estimate.get("parameters").getAsInt());

            JsonObject emitted = json(sp.server.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams("bramble.emit", List.of(uri, "de1soc"))).get());
            Path out = Path.of(emitted.get("dir").getAsString());
            assertEquals(dir.resolve("build").resolve("microgpt-de1soc"), out);
            assertTrue(Files.isRegularFile(out.resolve(emitted.get("top").getAsString() + ".v")), emitted.toString());
            assertTrue(progressTitles(sp).contains("begin:Bramble: emit"), progressTitles(sp));

            JsonObject simulated = json(sp.server.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams("bramble.simulate", List.of(uri, "de1soc"))).get());
            assertTrue(simulated.get("bitExact").getAsBoolean(), simulated.toString());
            assertEquals(simulated.get("cyclesPerTokenPredicted").getAsDouble(), simulated.get("cyclesPerTokenMeasured").getAsDouble());
            String progress = progressTitles(sp);
            assertTrue(progress.contains("""
                    begin:Bramble: simulate
                    report:reading weights
                    report:emitting Verilog
                    report:compiling in icarus
                    report:simulating in icarus
                    report:comparing with the reference model
                    end:icarus: bit-exact"""), progress);
            assertTrue(sp.client.messages.stream().anyMatch(m -> m.getMessage().startsWith("icarus: bit-exact")), sp.client.messages.toString());

            sp.server.shutdown().get(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS);
            sp.server.exit();
            assertEquals(0, sp.awaitExit(WAIT));
        }
    }

    @Test
    void simulateCanBeCancelledFromItsProgress(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("microgpt.bramble");
        Files.copy(Path.of("..", "examples", "microgpt", "microgpt.bramble"), file);
        copyWeights(dir);
        String uri = file.toUri().toString();
        try (ServerProcess sp = ServerProcess.start("simulate-cancelled")) {
            sp.server.initialize(initialize(new JsonObject())).get(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS);
            sp.server.initialized(new InitializedParams());
            ExecuteCommandParams params = new ExecuteCommandParams("bramble.simulate", List.of(uri));
            params.setWorkDoneToken("sim-1");
            var running = sp.server.getWorkspaceService().executeCommand(params);
            synchronized (sp.client) {
                long deadline = System.currentTimeMillis() + WAIT;
                while (!progressTitles(sp).contains("report:simulating in")) {
                    assertTrue(System.currentTimeMillis() < deadline, "no progress report: " + progressTitles(sp));
                    sp.client.wait(100);
                }
            }
            sp.server.cancelProgress(new org.eclipse.lsp4j.WorkDoneProgressCancelParams(org.eclipse.lsp4j.jsonrpc.messages.Either.forLeft("sim-1")));
            var failure = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> running.get(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS));
            var error = ((org.eclipse.lsp4j.jsonrpc.ResponseErrorException) failure.getCause()).getResponseError();
            assertEquals("Bramble: simulate cancelled", error.getMessage());
            assertTrue(progressTitles(sp).endsWith("end:Bramble: simulate cancelled"), progressTitles(sp));
            // The simulator the server started is gone with the cancellation.
            long deadline = System.currentTimeMillis() + 10_000;
            while (sp.process.descendants().findAny().isPresent() && System.currentTimeMillis() < deadline) Thread.sleep(100);
            assertEquals("", sp.process.descendants().map(h -> h.info().command().orElse("?")).collect(Collectors.joining(" ")));
            sp.server.shutdown().get(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS);
            sp.server.exit();
            assertEquals(0, sp.awaitExit(WAIT));
        }
    }

    @Test
    void synthesizeRunsYosysAndPutsTheMappedCellsBesideTheEstimate(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.bramble");
        Files.writeString(file, TinyDesigns.ICE40);
        String uri = file.toUri().toString();
        try (ServerProcess sp = ServerProcess.start("synthesize")) {
            sp.server.initialize(initialize(new JsonObject())).get(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS);
            sp.server.initialized(new InitializedParams());
            JsonObject mapped = json(sp.server.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams("bramble.synth", List.of(uri, "ice"))).get(5, java.util.concurrent.TimeUnit.MINUTES));
            assertEquals("iCE40UP5K-SG48", mapped.get("device").getAsString());
            // iCE40 is a family where Yosys maps both: the mapped cells are the estimate's.
            assertEquals(mapped.get("estimatedBram").getAsInt(), mapped.get("bram").getAsInt(), mapped.toString());
            assertEquals(mapped.get("estimatedDsp").getAsInt(), mapped.get("dsp").getAsInt(), mapped.toString());
            assertTrue(mapped.get("bram").getAsInt() > 0 && mapped.get("dsp").getAsInt() > 0 && mapped.get("logic").getAsInt() > 0, mapped.toString());
            assertTrue(mapped.getAsJsonObject("cells").has("SB_MAC16"), mapped.toString());
            assertTrue(progressTitles(sp).contains("""
                    begin:Bramble: synth
                    report:reading weights
                    report:emitting Verilog
                    report:running Yosys
                    end:Yosys on ice40up5k"""), progressTitles(sp));
            assertTrue(sp.client.messages.stream().anyMatch(m -> m.getMessage().matches(
                    "Yosys on ice40up5k \\(\\d+ s\\): 4 SB_RAM40_4K \\(estimated 4\\), 2 DSP cells \\(estimated 2\\), \\d+ logic \\(estimated \\d+\\), \\d+ flip-flops")),
                    sp.client.messages.toString());
            sp.server.shutdown().get(WAIT, java.util.concurrent.TimeUnit.MILLISECONDS);
            sp.server.exit();
            assertEquals(0, sp.awaitExit(WAIT));
        }
    }

    /** The device line's bram-over error (in position order it follows the layer that tips the part). */
    static org.eclipse.lsp4j.Diagnostic firstBramOver(PublishDiagnosticsParams p) {
        return p.getDiagnostics().stream().filter(d -> d.getCode().getLeft().equals("bram-over"))
                .filter(d -> d.getMessage().getLeft().startsWith("weights need")).findFirst().orElseThrow();
    }

    /** A command's result arrives as whatever Gson made of the JSON: look at it as JSON. */
    static JsonObject json(Object result) {
        return new com.google.gson.Gson().toJsonTree(result).getAsJsonObject();
    }

    static int version(PublishDiagnosticsParams p) {
        return p.getVersion() == null ? -1 : p.getVersion();
    }

    static String progressTitles(ServerProcess sp) {
        synchronized (sp.client) {
            return sp.client.progress.stream().map(BudgetAndCommandsIT::describe).collect(Collectors.joining("\n"));
        }
    }

    static String describe(ProgressParams p) {
        var n = p.getValue().getLeft();
        if (n instanceof org.eclipse.lsp4j.WorkDoneProgressBegin b) return "begin:" + b.getTitle();
        if (n instanceof org.eclipse.lsp4j.WorkDoneProgressReport r) return "report:" + r.getMessage();
        if (n instanceof org.eclipse.lsp4j.WorkDoneProgressEnd e) return "end:" + e.getMessage();
        return n.toString();
    }

    /** The example's trained weights, beside the copied .bramble file (its weights path is relative). */
    private static void copyWeights(Path dir) throws java.io.IOException {
        Files.copy(Path.of("..", "examples", "microgpt", "microgpt.safetensors"), dir.resolve("microgpt.safetensors"));
    }
}
