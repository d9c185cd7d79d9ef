package dev.bramble.lsp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Neovim's built-in LSP client (Debian's 0.7.2: {@code vim.lsp.start_client}) against the real
 * server jar: src/test/nvim/check_lsp.lua opens microGPT with a misspelled constant and checks
 * that the diagnostic and a hover arrive.
 */
class NeovimIT {
    @Test
    void neovimReceivesDiagnosticsAndHover(@TempDir Path dir) throws Exception {
        String nvim = findOnPath("nvim");
        Path file = dir.resolve("microgpt.bramble");
        String text = Files.readString(Path.of("..", "examples", "microgpt", "microgpt.bramble"));
        Files.writeString(file, text.replace("[vocab, dim]", "[vocab, dimm]"));
        Path script = Path.of("src", "test", "nvim", "check_lsp.lua").toAbsolutePath();
        Path log = dir.resolve("nvim.log");
        ProcessBuilder pb = new ProcessBuilder(nvim, "--headless", "--clean", "-c", "luafile " + script, file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).directory(dir.toFile());
        pb.environment().put("BRAMBLE_JAR", ServerProcess.jar().toString());
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("nvim did not finish within 90 s; output:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("nvim-lsp-check: diagnostic line 10: unknown constant 'dimm'"), output);
        assertTrue(output.contains("nvim-lsp-check: OK"), output);
    }

    static String findOnPath(String tool) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) return candidate.toString();
        }
        fail(tool + " is not on PATH: install Neovim (Debian: apt-get install -y neovim) to run the editor test");
        return null;
    }
}
