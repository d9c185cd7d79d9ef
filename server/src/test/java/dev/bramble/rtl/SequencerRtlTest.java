package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * rtl-lib's sequencer in Icarus: each step takes exactly the sum of its ops' lengths at that
 * position (plus any stall), from the edge that accepts its input to out_valid — the rule
 * CoreProgram.cyclesAt and the plan's schedule count with.
 */
class SequencerRtlTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "lengths {0} + {1}·t, stall op {2} for {3}")
    @CsvSource(delimiter = ';', value = {
            "3 5 2; 0 2 0; -1; 0",         // a microGPT-like mix: fixed ops and one growing with t
            "1; 0; -1; 0",                 // one op of one cycle
            "4 1 7 2 9; 1 0 0 3 0; 2; 3",  // a stall inside the third op
            "2 2; 1 1; 0; 5"})             // a stall at the first op (input streaming)
    void everyStepTakesTheSumOfItsOps(String bases, String increments, int stallOp, int stallCycles) throws Exception {
        long[] base = parse(bases);
        long[] inc = parse(increments);
        int ops = base.length;
        int positions = 5;
        long[] words = new long[2 * ops];
        System.arraycopy(base, 0, words, 0, ops);
        System.arraycopy(inc, 0, words, ops, ops);
        RtlBench.hexFile(dir, "len.hex", words, 16);
        List<String> lines = RtlBench.run(dir, "sequencer_tb", List.of("sequencer.v"),
                Map.of("OPS", "" + ops, "POSITIONS", "" + positions, "STALL_OP", "" + stallOp, "STALL_CYCLES", "" + stallCycles),
                List.of(), "R ");
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < positions; t++) {
            long cycles = stallOp >= 0 ? stallCycles : 0;
            for (int op = 0; op < ops; op++) cycles += base[op] + inc[op] * t;
            expected.add(t + " " + cycles);
        }
        assertEquals(expected, lines);
    }

    private static long[] parse(String s) {
        String[] w = s.trim().split("\\s+");
        long[] out = new long[w.length];
        for (int i = 0; i < w.length; i++) out[i] = Long.parseLong(w[i]);
        return out;
    }
}
