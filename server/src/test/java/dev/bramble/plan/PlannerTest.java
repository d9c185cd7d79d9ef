package dev.bramble.plan;

import dev.bramble.lang.model.Tensor;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlannerTest {
    @Test
    void microGptAt16LanesFollowsTheArchitectureTable() throws Exception {
        Plan plan = PlanFixtures.plan(PlanFixtures.example("microgpt"));
        Map<String, Integer> atZero = plan.schedule().steps().stream()
                .collect(Collectors.toMap(Step::name, s -> s.cyclesAt(0), Integer::sum, java.util.LinkedHashMap::new));
        // docs/architecture.md §4, row by row (position 0).
        assertEquals(List.of(2, 2, 4, 3, 4, 50, 3, 3, 18, 4, 66, 66, 34, 11), List.copyOf(atZero.values()), atZero.toString());
        assertEquals(270, plan.schedule().cyclesAt(0));
        assertEquals(300, plan.schedule().cyclesAt(15));
        assertEquals(285.0, plan.schedule().averageCycles(), 1e-12);
        assertEquals(new LaneWidths(16, 16, 38), plan.lane());
        assertEquals(267, plan.bankDepth());
        assertEquals(16, plan.banks().size());
        assertEquals(4, plan.expUnits());
        assertEquals(1, plan.prescaleUnits());
    }

    @Test
    void everyWeightHasItsOwnLaneAndAddress() throws Exception {
        for (int lanes : new int[] {1, 4, 16, 64}) {
            Plan plan = PlanFixtures.plan(PlanFixtures.exampleWith("microgpt", lanes, null));
            Map<String, Tensor> tensors = plan.model().tensors().stream().collect(Collectors.toMap(Tensor::path, t -> t));
            Set<Long> used = new HashSet<>();
            for (TensorLayout l : plan.layouts()) {
                Tensor t = tensors.get(l.tensor());
                for (int r = 0; r < t.rows(); r++) {
                    for (int c = 0; c < t.columns(); c++) {
                        int lane = l.laneOf(r, c, lanes);
                        int address = l.addressOf(r, c, lanes);
                        assertTrue(lane >= 0 && lane < lanes, l + " lane " + lane);
                        assertTrue(address >= l.base() && address < l.base() + l.depthPerLane(), l + " address " + address);
                        assertTrue(used.add((long) lane * 1_000_000 + address), "two weights share lane " + lane + " address " + address);
                    }
                }
            }
            assertEquals(plan.model().parameterCount(), used.size());
        }
    }

    @Test
    void lanesSplitColumnsWhenALayerHasFewerRows() throws Exception {
        Plan plan = PlanFixtures.plan(PlanFixtures.exampleWith("microgpt", 64, null));
        Map<String, TensorLayout> byTensor = plan.layouts().stream().collect(Collectors.toMap(TensorLayout::tensor, l -> l));
        assertEquals(4, byTensor.get("layer0.attn_wq").columnSplit());
        assertEquals(4, byTensor.get("layer0.attn_wq").segment());
        assertEquals(4, byTensor.get("layer0.mlp_fc2").columnSplit());
        assertEquals(2, byTensor.get("lm_head").columnSplit());
        assertEquals(1, byTensor.get("layer0.mlp_fc1").columnSplit());
        assertEquals(4, plan.prescaleUnits());
    }

    @Test
    void cyclesNeverBeatTheMultiplyBound() throws Exception {
        for (int lanes : new int[] {1, 4, 16, 64}) {
            Plan plan = PlanFixtures.plan(PlanFixtures.exampleWith("microgpt", lanes, null));
            for (int t = 0; t < 16; t++) {
                long multiplies = 3504 + 32L * (t + 1);
                assertTrue(plan.schedule().cyclesAt(t) >= multiplies / lanes, lanes + " lanes, position " + t);
            }
        }
    }

    @Test
    void digitsIsAChainOfMatrixVectorSteps() throws Exception {
        Plan plan = PlanFixtures.plan(PlanFixtures.example("digits"));
        List<StepKind> kinds = plan.schedule().steps().stream().map(Step::kind).toList();
        assertEquals(List.of(StepKind.INPUT, StepKind.MV, StepKind.MV, StepKind.ARGMAX), kinds);
        // 4 lanes: input 16+1, fc1 8 passes x 64 + 2, fc2 3 passes x 32 + 2, argmax 1.
        assertEquals(17 + 514 + 98 + 1, plan.schedule().cyclesAt(0));
        assertEquals(new LaneWidths(8, 16, 30), plan.lane());
    }
}
