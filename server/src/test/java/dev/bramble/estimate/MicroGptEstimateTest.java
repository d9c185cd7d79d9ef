package dev.bramble.estimate;

import dev.bramble.plan.Plan;
import dev.bramble.plan.PlanFixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MicroGptEstimateTest {
    @Test
    void microGptOnDe1SocAt16Lanes() throws Exception {
        Plan plan = PlanFixtures.plan(PlanFixtures.example("microgpt"));
        Estimate e = Estimator.estimate(plan);
        assertEquals(4192, e.params());
        assertEquals(67072, e.weightBits());
        assertEquals(e.params(), e.layers().stream().mapToLong(LayerEstimate::params).sum());
        assertEquals(e.weightBits(), e.layers().stream().mapToLong(LayerEstimate::weightBits).sum());
        assertEquals(e.bram(), e.layers().stream().mapToInt(LayerEstimate::bram).sum());
        assertEquals(e.dsp(), e.layers().stream().mapToInt(LayerEstimate::dsp).sum());
        assertEquals(e.cyclesPerToken(), e.layers().stream().mapToDouble(LayerEstimate::cycles).sum(), 1e-9);
        assertEquals(340.0, e.cyclesPerToken(), 1e-12);
        assertEquals(56.25e6 / 340.0, e.tokensPerSecond(), 1e-6);
        assertEquals(16 + 7 + 1 + 4 * 2, e.bram());   // one M10K per lane bank; the KV cache (K's 16 rows and V's of 256 bits) 7 M10K (256 x 40); the seed table; four exp units' two tables
        assertEquals(397, e.device().bram());
        // every layer row that comes from a layer line carries its source range (editor hints)
        for (LayerEstimate l : e.layers()) {
            assertNotNull(l.range(), l.name());
        }
    }

    /**
     * A tied head (names-gpt's lm_head reads wte's words) adds no weight block and takes none
     * back: at every lane count the weight banks' blocks are the bank's depth in blocks per lane
     * (26 SB_RAM40_4K at one lane on the UP5K, as Yosys 0.23 maps it; the estimate said 10, its
     * lm_head row -16), and no row is negative.
     */
    @Test
    void aTiedHeadAddsNoWeightBlocks() throws Exception {
        for (int lanes : new int[] {1, 2, 4, 8}) {
            String text = java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples", "names-gpt", "names-gpt.bramble"))
                    .replaceFirst("board\\s+\\S+", "device  iCE40UP5K-SG48").replaceFirst("lanes\\s+\\d+", "lanes   " + lanes);
            Plan plan = PlanFixtures.plan(dev.bramble.lang.Bramble.analyze("names-gpt.bramble", text));
            Estimate e = Estimator.estimate(plan);
            var kind = e.device().family().blockRam();
            assertEquals(lanes * kind.blocksFor(plan.bankDepth(), plan.weightBits()), e.romBram(), lanes + " lanes");
            for (LayerEstimate l : e.layers()) assertTrue(l.bram() >= 0, l.name() + ": " + l.bram() + " blocks at " + lanes + " lanes");
            assertEquals(e.bram(), e.layers().stream().mapToInt(LayerEstimate::bram).sum());
        }
    }

    /**
     * A row carries the range of the layer it was planned from, norms included: "layer0.rmsnorm#1"
     * is the first rmsnorm inside layer0, not found back through the "#" in its name.
     */
    @Test
    void eachRowCarriesTheRangeOfItsOwnLayer() throws Exception {
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples", "microgpt", "microgpt.bramble"));
        var source = new dev.bramble.lang.source.SourceText(text);
        Estimate e = Estimator.estimate(PlanFixtures.plan(PlanFixtures.example("microgpt")));
        java.util.List<Integer> normLines = new java.util.ArrayList<>();
        for (int line = 0; line < source.lineCount(); line++) if (source.line(line).strip().startsWith("rmsnorm")) normLines.add(line);
        assertEquals(3, normLines.size());
        java.util.List<Integer> rowLines = new java.util.ArrayList<>();
        for (LayerEstimate l : e.layers()) {
            String line = source.line(l.range().start().line()).strip();
            if (l.name().contains("#")) {
                assertEquals("rmsnorm", line, l.name());
                rowLines.add(l.range().start().line());
            } else if (l.kind().equals("linear")) {
                assertTrue(line.startsWith("linear " + l.name().substring(l.name().lastIndexOf('.') + 1) + " "), l.name() + " on: " + line);
            }
        }
        assertEquals(normLines, rowLines);
    }
}
