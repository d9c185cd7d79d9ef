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

    /**
     * Two sampled names from the RTL equal the fixed-point reference's, generated here with the
     * model's seed: every step's logits compared (vocab of them per step), the same number of
     * steps, and the same text.
     */
    @Test
    void microgptSamplesBitExactInIcarus() throws Exception {
        DesignSimulation.Result r = sim("microgpt", 16, false, 2, "icarus");
        Examples.Loaded m = Examples.load("microgpt", 16, false, dir);
        var model = m.weights().model();
        var reference = dev.bramble.golden.ReferenceModels.fixed(m.weights());
        var random = new dev.bramble.golden.Xorshift32(DesignSimulation.modelSeed(model));
        int steps = 0;
        List<String> names = new java.util.ArrayList<>();
        for (int s = 0; s < 2; s++) {
            var sample = reference.sequence(List.of(), random);
            steps += sample.steps().size();
            names.add(DesignSimulation.text(model, List.of(), sample.tokens(), false));
        }
        assertEquals(steps, r.steps());
        assertEquals((long) steps * model.vocabulary(), r.logitsCompared());
        assertEquals(names, r.samples());
        assertTrue(names.stream().allMatch(n -> !n.isEmpty() && n.chars().allMatch(Character::isLowerCase)), names::toString);
    }
}
