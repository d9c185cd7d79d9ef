package dev.bramble.estimate;

import dev.bramble.plan.Plan;
import dev.bramble.plan.PlanFixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MicroGptEstimateTest {
    @Test
    void microGptOnDe1SocAt16Lanes() throws Exception {
        Plan plan = PlanFixtures.plan(PlanFixtures.example("microgpt"));
        Estimate e = Estimator.estimate(plan);
        System.out.println(dev.bramble.estimate.EstimateTable.render(e));
        assertEquals(4192, e.params());
        assertEquals(67072, e.weightBits());
        assertEquals(e.params(), e.layers().stream().mapToLong(LayerEstimate::params).sum());
        assertEquals(e.weightBits(), e.layers().stream().mapToLong(LayerEstimate::weightBits).sum());
        assertEquals(e.bram(), e.layers().stream().mapToInt(LayerEstimate::bram).sum());
    }
}
