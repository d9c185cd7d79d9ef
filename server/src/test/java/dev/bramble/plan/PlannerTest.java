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
        Map<String, Long> atZero = plan.schedule().steps().stream()
                .collect(Collectors.toMap(Step::name, s -> s.cyclesAt(0), Long::sum, java.util.LinkedHashMap::new));
        // docs/architecture.md §4, row by row (position 0): wte, wpe, the three norms (each
        // squares 1 + 3 + the scaled chunk over 4 clocks, four lanes per rounding shifter: 8), q k v (3 passes of 16 + 2), attention ((2C + 2EC)(t + 1) + H + 5 = 4t + 13, its R walk waiting a slot for the last e: one chunk per row and per set of heads, 4 heads), wo, fc1, fc2, lm_head, sample (V + 3 + ⌈log2 V⌉ = 27 + 3 + 5).
        assertEquals(List.of("wte", "wpe", "rmsnorm#0", "layer0.rmsnorm#1", "layer0.attention q k v", "layer0.attention", "layer0.attn_wo",
                "layer0.rmsnorm#2", "layer0.mlp_fc1", "layer0.mlp_fc2", "lm_head", "sample"), List.copyOf(atZero.keySet()));
        assertEquals(List.of(2L, 2L, 8L, 8L, 50L, 13L, 18L, 8L, 66L, 66L, 34L, 35L), List.copyOf(atZero.values()), atZero.toString());
        assertEquals(310, plan.schedule().cyclesAt(0));
        assertEquals(370, plan.schedule().cyclesAt(15));
        assertEquals(340.0, plan.schedule().averageCycles(), 1e-12);
        // e·v's weight is 17 bits signed, the norm's gain 18 (MultiplierInventory.laneA/laneB)
        assertEquals(new LaneWidths(17, 18, 39), plan.lane());
        assertEquals(267, plan.bankDepth());
        assertEquals(16, plan.banks().size());
    }

    @Test
    void theScheduleIsTheProgramOpByOp() throws Exception {
        for (int lanes : new int[] {1, 2, 3, 4, 7, 16, 64}) {
            Plan plan = PlanFixtures.plan(PlanFixtures.exampleWith("microgpt", lanes, null));
            var ops = plan.program().ops();
            var steps = plan.schedule().steps();
            assertEquals(ops.size(), steps.size());
            for (int i = 0; i < ops.size(); i++) {
                for (int t : new int[] {0, 1, 15}) assertEquals(ops.get(i).cycles(lanes, t), steps.get(i).cyclesAt(t), lanes + " lanes, op " + i);
            }
            long sum = 0;
            for (int t = 0; t < 16; t++) sum += plan.schedule().cyclesAt(t);
            assertEquals(sum / 16.0, plan.schedule().averageCycles(), 1e-9, "the closed-form average");
        }
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
    }

    @Test
    void cyclesNeverBeatTheMultiplyBound() throws Exception {
        for (int lanes : new int[] {1, 4, 16, 64}) {
            Plan plan = PlanFixtures.plan(PlanFixtures.exampleWith("microgpt", lanes, null));
            // The linears' 3,504 multiplies go through the lanes; this core's attention has
            // per-element units of its own (2 cycles per cached position whatever the lanes).
            for (int t = 0; t < 16; t++) {
                assertTrue(plan.schedule().cyclesAt(t) >= 3504 / lanes + 2L * t, lanes + " lanes, position " + t);
            }
        }
    }

    @Test
    void digitsIsAChainOfMatrixVectorSteps() throws Exception {
        Plan plan = PlanFixtures.plan(PlanFixtures.example("digits"));
        List<StepKind> kinds = plan.schedule().steps().stream().map(Step::kind).toList();
        assertEquals(List.of(StepKind.INPUT, StepKind.MV, StepKind.MV, StepKind.ARGMAX), kinds);
        // 4 lanes: input 16 chunks (the first with the handshake), fc1 8 passes x 64 + 2, fc2 3 passes x 32 + 2, argmax 1.
        assertEquals(15 + 514 + 98 + 1, plan.schedule().cyclesAt(0));
        assertEquals(new LaneWidths(8, 16, 31), plan.lane());
    }
}
