package dev.bramble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One whole design in Verilator in the default run (each build takes tens of seconds; the grid is in SimulationGridTest). */
class VerilatorDesignTest {
    @TempDir
    Path dir;

    @Test
    void microgptSamplesBitExactInVerilator() throws Exception {
        Examples.Loaded m = Examples.load("microgpt", 16, false, dir);
        DesignSimulation.Result r = DesignSimulation.run(new DesignSimulation.Request(m.weights(), m.target(), 3, List.of(), null,
                "verilator", null, dir.resolve("w")));
        assertNull(r.firstMismatch(), () -> r.firstMismatch().describe());
        assertTrue(r.cyclesMatch(), r.firstCycleMismatch());
        assertEquals("verilator", r.simulator());
        assertEquals(3, r.samples().size());
    }
}
