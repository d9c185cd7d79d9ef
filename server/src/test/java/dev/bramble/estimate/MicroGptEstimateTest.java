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
        assertEquals(317.5, e.cyclesPerToken(), 1e-12);
        assertEquals(56.25e6 / 317.5, e.tokensPerSecond(), 1e-6);
        assertEquals(16, e.bram());                 // one M10K per lane bank; the KV caches are distributed
        assertEquals(397, e.device().bram());
        // every layer row that comes from a layer line carries its source range (editor hints)
        for (LayerEstimate l : e.layers()) {
            assertNotNull(l.range(), l.name());
        }
    }

    @Test
    void serviceGivesNothingForABrokenDesign() {
        var design = dev.bramble.lang.Bramble.analyze("x.bramble", "model m { linear a [ -> }");
        assertTrue(EstimateService.estimate(design, null).isEmpty());
    }
}
