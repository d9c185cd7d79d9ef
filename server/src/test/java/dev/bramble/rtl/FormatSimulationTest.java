package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.lang.model.Design;
import dev.bramble.project.DesignFiles;
import dev.bramble.sim.DesignSimulation;
import dev.bramble.weights.ModelWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Narrow formats (issue #14) simulated whole in Icarus against the fixed-point reference: every
 * logit of every step and every chosen token equal. The designs are FormatGridRtlTest's, with a
 * norm, so the norm unit, GELU, attention and the sampler all run at 4..12-bit widths.
 */
class FormatSimulationTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "weights {0}, activations {1}, {2}, {3}, tokens {4}, {5} lanes")
    @CsvSource({
            "q2.2, q4.4, rmsnorm, relu, false, 2",
            "q4.4, q8.4, layernorm, gelu, false, 3",
            "q1.3, q4.4, layernorm, gelu, true, 2",
            "q2.6, q6.6, rmsnorm, relu, true, 1"})
    void bitExactInIcarus(String weights, String activations, String norm, String activation, boolean tokens, int lanes) throws Exception {
        FormatGridRtlTest.Case c = new FormatGridRtlTest.Case(weights, activations, norm, activation, tokens, lanes);
        DesignSimulation.Result r = simulate(c, dir.resolve("narrow"));
        assertNull(r.firstMismatch(), () -> c + ": " + r.firstMismatch().describe());
        assertTrue(r.bitExact(), c::toString);
        assertTrue(r.logitsCompared() > 0, c + ": no logits compared");
        assertEquals(lanes, r.lanes());
        // Every op starts when the plan says, and the format changes no cycle: the same design at
        // q1.7 weights and q4.12 activations takes as many.
        assertTrue(r.cyclesMatch(), () -> c + ": " + r.firstCycleMismatch());
        DesignSimulation.Result usual = simulate(new FormatGridRtlTest.Case("q1.7", "q4.12", norm, activation, tokens, lanes), dir.resolve("usual"));
        assertTrue(usual.bitExact(), "q4.12 reference design");
        assertEquals(usual.cyclesPerTokenMeasured(), r.cyclesPerTokenMeasured(), c + ": cycles differ from q4.12's");
        assertEquals(usual.cyclesPerTokenPredicted(), r.cyclesPerTokenPredicted(), c + ": planned cycles differ from q4.12's");
    }

    private static DesignSimulation.Result simulate(FormatGridRtlTest.Case c, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("grid.bramble");
        Files.writeString(file, FormatGridRtlTest.text(c));
        Design design = DesignFiles.load(file);
        assertFalse(design.hasErrors(), () -> c + ": " + design.diagnostics());
        ModelWeights w = ModelWeights.load(design.model().orElseThrow(), dir);
        return DesignSimulation.run(new DesignSimulation.Request(w, design.target(null).orElseThrow(),
                c.tokens() ? 2 : 3, List.of(), null, "icarus", null, dir.resolve("work")));
    }
}
