package dev.bramble.rtl;

import dev.bramble.errors.UserError;
import dev.bramble.sim.IcarusSimulator;
import dev.bramble.tools.ProcessRunner;
import dev.bramble.tools.ToolError;
import dev.bramble.sim.Simulator;
import dev.bramble.tools.ToolLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test harness: compiles an rtl-lib testbench with the library files it needs in Icarus,
 * runs it, and returns its output lines that start with a tag (e.g. "R "), tag removed.
 * Stimulus that is too big for parameters goes in hex files named by plusargs.
 */
final class RtlBench {
    private RtlBench() {}

    static List<String> run(Path dir, String testbench, List<String> libraryFiles, Map<String, String> parameters,
                            List<String> plusargs, String tag) throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String f : libraryFiles) sources.add(RtlLibrary.copy(f, dir));
        sources.add(RtlLibrary.copy(testbench + ".v", dir));
        try {
            Simulator.Compiled sim = new IcarusSimulator(ToolLocator.system())
                    .compile(sources, testbench, dir, Simulator.Options.defaults().withParameters(parameters));
            ProcessRunner.Result r = sim.run(plusargs, Duration.ofMinutes(2));
            List<String> out = new ArrayList<>();
            for (String line : r.stdout().split("\n")) {
                if (line.startsWith(tag)) out.add(line.substring(tag.length()).strip());
                if (line.startsWith("ERROR")) throw new AssertionError(testbench + ": " + line);
            }
            return out;
        } catch (UserError | ToolError e) {
            throw new AssertionError(testbench + ": " + e.getMessage(), e);
        }
    }

    /** Writes one value per line as {@code bits}-bit two's-complement hex, for {@code $readmemh}. */
    static Path hexFile(Path dir, String name, long[] values, int bits) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, HexImage.of(values, bits));
        return p;
    }
}
