package dev.bramble.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.numerics.FixedMath;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Samples simulated in several processes at once: the seeds, the split, and a real run across a split. */
class SampleShardsTest {
    @TempDir
    Path dir;

    @Test
    void aShardsSeedStartsTheCoresGeneratorInTheGivenState() {
        Random r = new Random(14);
        for (int i = 0; i < 10_000; i++) {
            int state = r.nextInt();
            if (state == 0) continue;   // xorshift32 never reaches 0
            assertEquals(state, FixedMath.seedState(SampleShards.seedFor(state)));
        }
        assertEquals(0x9E3779B9, FixedMath.seedState(SampleShards.seedFor(0x9E3779B9)));
    }

    @Test
    void shardsCoverEverySampleOnceInOrder() {
        assertArrayEquals(new int[] {0, 10, 20}, SampleShards.bounds(20, 2));
        assertArrayEquals(new int[] {0, 2, 4, 7}, SampleShards.bounds(7, 3));
        assertArrayEquals(new int[] {0, 0}, SampleShards.bounds(0, 1));
        assertEquals(1, SampleShards.count(40, SampleShards.MIN_CYCLES_TO_SHARD - 1, false), "a short run stays in one process");
        assertEquals(1, SampleShards.count(40, 1_000_000, true), "a traced run stays in one process (one VCD)");
        assertEquals(1, SampleShards.count(1, 1_000_000, false), "one sample: one process");
    }

    @Test
    void microGptSamplesSplitAcrossProcessesAreBitExact() throws Exception {
        // 12 microGPT samples predict well over MIN_CYCLES_TO_SHARD: on two or more cores they run
        // as two shards or more, the later ones seeded mid-stream; every logit and token must match
        Examples.Loaded m = Examples.load("microgpt", 16, false, dir);
        DesignSimulation.Result r = DesignSimulation.run(new DesignSimulation.Request(m.weights(), m.target(), 12, List.of(), null,
                "icarus", null, dir.resolve("work")));
        assertNull(r.firstMismatch(), () -> r.firstMismatch().describe());
        assertTrue(r.bitExact());
        assertTrue(r.cyclesMatch(), r.firstCycleMismatch());
        assertEquals(12, r.samples().size());
        if (Runtime.getRuntime().availableProcessors() >= 2) {
            assertTrue(SampleShards.count(12, (long) (r.cyclesPerTokenPredicted() * r.steps()), false) >= 2, "this run was split");
        }
    }
}
