package dev.bramble.sim;

import dev.bramble.tools.Tool;
import dev.bramble.tools.ToolLocator;
import dev.bramble.tools.ProcessRunner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.errors.UserError;
import dev.bramble.rtl.RtlLibrary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolsAndRunnerTest {
    @TempDir
    Path dir;

    @Test
    void missingToolGivesOneLineInstallHint() {
        ToolLocator none = new ToolLocator(Map.of("PATH", dir.toString()));
        UserError e = assertThrows(UserError.class, () -> none.require(Tool.IVERILOG));
        assertEquals("iverilog not found (looked at $BRAMBLE_IVERILOG and PATH); install it: apt-get install -y iverilog", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void environmentVariablePointingNowhereCountsAsMissing() {
        ToolLocator bad = new ToolLocator(Map.of("PATH", System.getenv("PATH"), "BRAMBLE_VERILATOR", "/nonexistent/verilator"));
        assertTrue(bad.find(Tool.VERILATOR).isEmpty());
        assertTrue(ToolLocator.system().find(Tool.VERILATOR).isPresent(), "verilator must be installed for the test suite");
    }

    @Test
    void runnerKillsProgramsThatRunPastTheirTimeout() {
        ProcessRunner.Result r = ProcessRunner.run(List.of("sleep", "30"), dir, Duration.ofMillis(300));
        assertTrue(r.timedOut());
        assertFalse(r.ok());
        assertTrue(r.wall().toSeconds() < 10);
    }

    @Test
    void icarusAndVerilatorPrintTheSameDraws() throws Exception {
        Path lib = RtlLibrary.copy("xorshift32.v", dir);
        Path tb = RtlLibrary.copy("xorshift32_tb.v", dir);
        var options = Simulator.Options.defaults().withParameters(Map.of("SEED", "32'd12345", "COUNT", "5"));
        String icarus = new IcarusSimulator(ToolLocator.system()).compile(List.of(lib, tb), "xorshift32_tb", dir, options)
                .run(List.of(), Duration.ofSeconds(30)).stdout();
        String verilator = new VerilatorSimulator(ToolLocator.system()).compile(List.of(lib, tb), "xorshift32_tb", dir, options)
                .run(List.of(), Duration.ofSeconds(30)).stdout();
        assertEquals(5, icarus.lines().filter(l -> l.startsWith("R ")).count());
        assertEquals(icarus.lines().filter(l -> l.startsWith("R ")).toList(), verilator.lines().filter(l -> l.startsWith("R ")).toList());
    }
}
