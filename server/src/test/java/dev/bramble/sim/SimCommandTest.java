package dev.bramble.sim;

import dev.bramble.tools.ToolError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.bramble.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCommandTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            int status = Main.run(args);
            return new Run(status, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void jsonHasTheFieldsTheIssueLists() {
        Run r = run("sim", Examples.file("digits").toString(), "--samples", "2", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertTrue(o.get("bitExact").getAsBoolean());
        assertEquals(2, o.get("steps").getAsInt());
        assertEquals(20, o.get("logitsCompared").getAsInt());
        assertEquals(o.get("cyclesPerTokenPredicted").getAsDouble(), o.get("cyclesPerTokenMeasured").getAsDouble());
        assertEquals(628.0, o.get("cyclesPerTokenPredicted").getAsDouble()); // the plan: digits, 4 lanes (input 15, fc1 514, fc2 98, argmax 1)
        assertEquals(2, o.getAsJsonArray("samples").size());
        assertEquals("icarus", o.get("simulator").getAsString()); // one name for the simulator everywhere (settings, CLI, results)
        assertTrue(o.get("wallSeconds").getAsDouble() > 0);
        assertTrue(o.get("firstMismatch").isJsonNull());
    }

    @Test
    void textNamesBitExactnessAndCycles() {
        Run r = run("sim", Examples.file("microgpt").toString(), "--prompt", "em");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().lines().findFirst().orElse("").startsWith("em"), r.out());
        assertTrue(r.out().contains("bit-exact: "), r.out());
        assertTrue(r.out().contains("(every op of every step as planned)"), r.out());
    }

    @Test
    void missingSimulatorIsAnInstallHintWithStatus2() {
        System.setProperty("bramble.tool.iverilog", "/nonexistent/iverilog");
        try {
            Run r = run("sim", Examples.file("digits").toString());
            assertEquals(2, r.status());
            assertEquals("bramble: iverilog not found (looked at $BRAMBLE_IVERILOG and PATH); install it: apt-get install -y iverilog", r.err().strip());
        } finally {
            System.clearProperty("bramble.tool.iverilog");
        }
    }

    @Test
    void badPromptCharacterIsAUserError() {
        Run r = run("sim", Examples.file("microgpt").toString(), "--prompt", "A");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("'A' is not in the tokens charset"), r.err());
    }

    @Test
    void aHangIsStoppedByTheCycleLimit() throws Exception {
        Examples.Loaded m = Examples.load("digits", 4, true, dir);
        ToolError e = assertThrows(ToolError.class, () -> DesignSimulation.run(new DesignSimulation.Request(m.weights(),
                m.target(), 1, List.of(), null, "icarus", null, dir.resolve("w"), 100L)));
        assertTrue(e.getMessage().contains("cycle limit 100 reached"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
