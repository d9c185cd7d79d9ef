package dev.bramble.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bramble.plan.CoreProgram;
import dev.bramble.rtl.TestbenchProtocol;
import dev.bramble.rtl.TestbenchProtocol.OpStart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-op verdict of a simulation: every op must start when the plan says, and the first that does not is named. */
class OpStartCheckTest {
    @TempDir
    Path dir;

    private CoreProgram microgpt(int lanes) throws Exception {
        return CoreProgram.of(Examples.load("microgpt", lanes, false, dir).weights().model(), lanes);
    }

    /** What a correct testbench prints for positions 0 .. n−1 of one sample. */
    private static List<OpStart> planned(CoreProgram p, int positions) {
        List<OpStart> out = new ArrayList<>();
        for (int t = 0; t < positions; t++) {
            for (int i = 0; i < p.sequencedOps().size(); i++) out.add(new OpStart(0, t, i, p.startOf(i, t)));
        }
        return out;
    }

    @Test
    void theProgramsOwnStartsPass() throws Exception {
        CoreProgram p = microgpt(16);
        assertNull(DesignSimulation.firstOpMismatch(p, planned(p, 3)));
    }

    @Test
    void aLateOpIsNamedWithBothCycles() throws Exception {
        CoreProgram p = microgpt(16);
        List<OpStart> seen = planned(p, 3);
        int k = p.sequencedOps().size() + 5; // position 1, op 5 (the attention core)
        OpStart o = seen.get(k);
        seen.set(k, new OpStart(o.sample(), o.position(), o.op(), o.start() + 2));
        assertEquals("sample 0, position 1, op 5 (layer0.attention): started at cycle " + (o.start() + 2) + ", planned " + o.start(),
                DesignSimulation.firstOpMismatch(p, seen));
    }

    @Test
    void aSkippedOpIsNamed() throws Exception {
        CoreProgram p = microgpt(4);
        List<OpStart> seen = planned(p, 2);
        seen.remove(p.sequencedOps().size() + 2);
        assertEquals("sample 0, position 1, op 2 (rmsnorm#0): never started (op 3 came next)", DesignSimulation.firstOpMismatch(p, seen));
        List<OpStart> truncated = planned(p, 1);
        truncated.remove(truncated.size() - 1);
        assertEquals("sample 0, position 0, op 11 (sample): never started", DesignSimulation.firstOpMismatch(p, truncated));
    }

    @Test
    void aVectorInputOfOneHandshakeHasNoEntryInTheOpTable() throws Exception {
        // digits at 64 lanes: the 64 inputs come with the handshake, so the INPUT op takes no cycle
        CoreProgram p = CoreProgram.of(Examples.load("digits", 64, true, dir).weights().model(), 64);
        assertEquals(0, p.ops().get(0).cycles(64, 0));
        assertEquals(p.ops().subList(1, p.ops().size()), p.sequencedOps());
        assertNull(DesignSimulation.firstOpMismatch(p, planned(p, 1)));
        assertEquals(0, p.startOf(0, 0), "fc1 starts with the handshake");
    }

    @Test
    void theProtocolReadsWhatTheWriterPrints() {
        TestbenchProtocol.Transcript t = TestbenchProtocol.parse(List.of("OP 1 2 3 40", "STEP 1 2 5 7 300", "LOGITS 1 2 -3 4", "noise", "END 999"));
        assertEquals(List.of(new OpStart(1, 2, 3, 40)), t.ops());
        assertEquals(new TestbenchProtocol.StepLine(1, 2, 5, 7, 300), t.steps().get(0));
        assertEquals(List.of(-3L, 4L), java.util.Arrays.stream(t.logits().get(0).logits()).boxed().toList());
        assertEquals(999, t.endCycle());
        assertNull(t.error());
    }
}
