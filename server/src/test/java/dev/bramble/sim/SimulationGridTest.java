package dev.bramble.sim;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The full grid (run with -Pslow): microGPT and digits, lanes 1/4/16/64, argmax and sampling,
 * Icarus and Verilator — bit-exact, and every step's measured cycles equal the plan's.
 */
@Tag("slow")
class SimulationGridTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} lanes {1} argmax {2} {3}")
    @CsvSource({
            "microgpt, 1, false, iverilog", "microgpt, 4, false, iverilog", "microgpt, 16, false, iverilog", "microgpt, 64, false, iverilog",
            "microgpt, 1, true, iverilog", "microgpt, 4, true, iverilog", "microgpt, 16, true, iverilog", "microgpt, 64, true, iverilog",
            "digits, 1, true, iverilog", "digits, 4, true, iverilog", "digits, 16, true, iverilog", "digits, 64, true, iverilog",
            "microgpt, 1, false, verilator", "microgpt, 4, false, verilator", "microgpt, 16, true, verilator", "microgpt, 64, false, verilator",
            "digits, 1, true, verilator", "digits, 4, true, verilator", "digits, 16, true, verilator", "digits, 64, true, verilator"})
    void bitExactAndCyclesAsPlanned(String model, int lanes, boolean argmax, String simulator) throws Exception {
        Examples.Loaded m = Examples.load(model, lanes, argmax, dir);
        DesignSimulation.Result r = DesignSimulation.run(new DesignSimulation.Request(m.weights(), m.target(), 2, List.of(), null,
                simulator, null, dir.resolve("w")));
        assertNull(r.firstMismatch(), () -> r.firstMismatch().describe());
        assertTrue(r.bitExact());
        assertTrue(r.cyclesMatch(), r.firstCycleMismatch());
    }
}
