package dev.bramble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emitted designs, simulated in Icarus, against the fixed-point reference: a small default set. */
class DesignSimulationTest {
    @TempDir
    Path dir;

    private DesignSimulation.Result sim(String name, int lanes, boolean argmax, int samples, String simulator) throws Exception {
        Examples.Loaded m = Examples.load(name, lanes, argmax, dir);
        DesignSimulation.Result r = DesignSimulation.run(new DesignSimulation.Request(m.weights(), m.target(), samples, List.of(), null,
                simulator, null, dir.resolve("work-" + simulator + lanes)));
        assertNull(r.firstMismatch(), () -> r.firstMismatch().describe());
        assertTrue(r.bitExact());
        assertTrue(r.cyclesMatch(), r.firstCycleMismatch());
        return r;
    }

    @Test
    void digitsIsBitExactInIcarus() throws Exception {
        DesignSimulation.Result r = sim("digits", 4, true, 3, "icarus");
        assertEquals(3, r.steps());
        assertEquals(30, r.logitsCompared());
    }

    @Test
    void microgptSamplesBitExactInIcarus() throws Exception {
        DesignSimulation.Result r = sim("microgpt", 16, false, 2, "icarus");
        assertTrue(r.steps() >= 2);
    }
}
