package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a testbench's output back: numbers where they belong, and a clear error where an x is. */
class TestbenchProtocolTest {
    @Test
    void readsStepsAndLogits() {
        var t = TestbenchProtocol.parse(List.of("OP 0 0 1 17", "STEP 0 0 26 3 3739", "LOGITS 0 0 5 -7", "END 3740"));
        assertNull(t.error());
        assertEquals(1, t.ops().size());
        assertEquals(1, t.steps().size());
        assertEquals(3740, t.endCycle());
    }

    @Test
    void anUnknownValueIsAClearErrorNotACrash() {
        var t = TestbenchProtocol.parse(List.of("STEP 0 0 26 X 3739", "LOGITS 0 0 x x"));
        assertTrue(t.error() != null && t.error().contains("unknown value") && t.error().contains("STEP 0 0 26 X 3739"), String.valueOf(t.error()));
        assertTrue(t.steps().isEmpty());
    }
}
