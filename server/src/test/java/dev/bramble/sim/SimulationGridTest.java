package dev.bramble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full grid of issue #5 (run with -Pslow, which .ci/run runs): microGPT and digits ×
 * lanes 1/4/16/64 × argmax and sampling × Icarus and Verilator — 32 designs, each bit-exact
 * against the fixed-point reference and every step's measured cycles equal to the plan's.
 * Cases run two at a time (one per core): each is a single-threaded simulator process.
 */
@Tag("slow")
@Execution(ExecutionMode.CONCURRENT)
class SimulationGridTest {
    static Stream<Arguments> grid() {
        List<Arguments> cases = new ArrayList<>();
        for (String simulator : List.of("icarus", "verilator")) {
            for (String model : List.of("microgpt", "digits")) {
                for (int lanes : new int[] {1, 4, 16, 64}) {
                    for (boolean argmax : new boolean[] {true, false}) cases.add(Arguments.of(model, lanes, argmax, simulator));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} lanes {1} argmax {2} {3}")
    @MethodSource("grid")
    void bitExactAndCyclesAsPlanned(String model, int lanes, boolean argmax, String simulator, @TempDir Path dir) throws Exception {
        Examples.Loaded m = Examples.load(model, lanes, argmax, dir);
        DesignSimulation.Result r = DesignSimulation.run(new DesignSimulation.Request(m.weights(), m.target(), 2, List.of(), null,
                simulator, null, dir.resolve("w")));
        assertNull(r.firstMismatch(), () -> r.firstMismatch().describe());
        assertTrue(r.bitExact());
        assertTrue(r.cyclesMatch(), r.firstCycleMismatch());
        assertEquals(r.cyclesPerTokenPredicted(), r.cyclesPerTokenMeasured());
        assertEquals(lanes, r.lanes());
        assertTrue(r.steps() >= 2, "steps " + r.steps());
    }
}
