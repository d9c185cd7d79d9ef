package dev.bramble.sim;

import dev.bramble.tools.ToolLocator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.rtl.RtlLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second Verilator run of the same RTL takes the built model from the cache; other RTL builds anew. */
class CompiledModelCacheTest {
    @TempDir
    Path dir;

    private Simulator.Compiled build(Path work, Map<String, String> parameters, CompiledModelCache cache) throws Exception {
        Files.createDirectories(work);
        Path lib = RtlLibrary.copy("xorshift32.v", work);
        Path tb = RtlLibrary.copy("xorshift32_tb.v", work);
        return new VerilatorSimulator(ToolLocator.system(), Optional.of(cache))
                .compile(List.of(lib, tb), "xorshift32_tb", work, Simulator.Options.defaults().withParameters(parameters));
    }

    @Test
    void theSameSourcesSkipTheCompileAndRunAlike() throws Exception {
        CompiledModelCache cache = new CompiledModelCache(dir.resolve("cache"));
        Map<String, String> p = Map.of("SEED", "32'd7", "COUNT", "4");
        Simulator.Compiled first = build(dir.resolve("a"), p, cache);
        Simulator.Compiled second = build(dir.resolve("b"), p, cache);
        assertTrue(first.buildTime().toMillis() > 0, "the first run builds");
        assertEquals(Duration.ZERO, second.buildTime(), "the second run takes the cached model");
        String a = first.run(List.of(), Duration.ofSeconds(30)).stdout();
        String b = second.run(List.of(), Duration.ofSeconds(30)).stdout();
        assertEquals(4, a.lines().filter(l -> l.startsWith("R ")).count());
        assertEquals(a, b);

        // A parameter is compiled in: another value is another model.
        Simulator.Compiled other = build(dir.resolve("c"), Map.of("SEED", "32'd8", "COUNT", "4"), cache);
        assertTrue(other.buildTime().toMillis() > 0, "other parameters build anew");
        assertNotEquals(a, other.run(List.of(), Duration.ofSeconds(30)).stdout());
    }

    @Test
    void theKeyFollowsTheSourcesBytes() throws Exception {
        Path v = Files.writeString(dir.resolve("x.v"), "module x; endmodule\n");
        String k1 = CompiledModelCache.key(List.of("verilator", "-O3"), List.of(v));
        Files.writeString(v, "module x; wire w; endmodule\n");
        String k2 = CompiledModelCache.key(List.of("verilator", "-O3"), List.of(v));
        assertNotEquals(k1, k2);
        assertNotEquals(k2, CompiledModelCache.key(List.of("verilator", "-O2"), List.of(v)));
    }
}
