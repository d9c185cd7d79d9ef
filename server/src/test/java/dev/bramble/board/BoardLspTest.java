package dev.bramble.board;

import dev.bramble.lang.Bramble;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import dev.bramble.lsp.services.CodeLensService;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The editor's "Build bitstream" lens: on targets that name a board, beside Generate Verilog / Simulate / Synthesize. */
class BoardLspTest {
    @Test
    void aBoardTargetGetsABuildLens() throws Exception {
        String text = BoardFastTest.example();
        String uri = BoardFastTest.EXAMPLE.toAbsolutePath().normalize().toUri().toString();
        DocumentAnalysis analysis = DocumentAnalysis.analyze(uri, 1, text, dev.bramble.lsp.analysis.Settings.DEFAULT);
        String lenses = new CodeLensService().lenses(analysis, () -> {}).stream()
                .map(l -> l.getCommand().getTitle() + " " + l.getCommand().getCommand()).collect(Collectors.joining("\n"));
        assertTrue(lenses.endsWith("Synthesize bramble.synth\nBuild bitstream bramble.build"), lenses);
        String arty = text.replace("board   icebreaker", "board   arty-a7-35t");
        String other = new CodeLensService().lenses(DocumentAnalysis.analyze(uri, 2, arty, dev.bramble.lsp.analysis.Settings.DEFAULT), () -> {})
                .stream().map(l -> l.getCommand().getTitle()).collect(Collectors.joining("|"));
        assertTrue(other.endsWith("Synthesize|Build project"), other);
    }

    @Test
    void theBuildCommandWritesTheProjectBesideTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path file = tmp.resolve("arty.bramble");
        Files.writeString(file, BoardFastTest.example().replace("board   icebreaker", "board   arty-a7-35t").replace("clock   6 MHz", "clock   50 MHz"));
        DocumentAnalysis analysis = DocumentAnalysis.analyze(file.toUri().toString(), 1, Files.readString(file), dev.bramble.lsp.analysis.Settings.DEFAULT);
        List<String> stages = new java.util.ArrayList<>();
        var result = new dev.bramble.lsp.services.BoardBuildCommand().build(analysis, null, stages::add);
        assertTrue(result.get("message").getAsString().startsWith("Project for Digilent Arty A7-35T in "), result.toString());
        assertEquals("project", result.get("kind").getAsString());
        assertTrue(Files.exists(tmp.resolve("build").resolve("icebreaker").resolve("board.xdc")));
        assertTrue(stages.contains("reading weights"), stages.toString());
    }
}
