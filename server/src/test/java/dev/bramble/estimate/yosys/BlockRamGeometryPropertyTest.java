package dev.bramble.estimate.yosys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.LongRange;

import dev.bramble.tools.TemporaryDirectories;

import static dev.bramble.estimate.yosys.YosysGrid.RamCase;
import static dev.bramble.estimate.yosys.YosysGrid.RomCase;

/**
 * Block RAM counts for memories no one chose: every family Yosys maps block RAM on, drawn ROM
 * shapes (depth 2–6,000, width 1–40) and writable ones (depth 2–3,000, width 1–48), each count
 * of the estimator ({@code BlockRamKind.blocksFor}) equal to what Yosys 0.23 maps. One Yosys run
 * per family and draw (a seed gives the shapes: a failure names it, and the shapes are in its
 * message; not shrunk: each step would be another Yosys run). In the slow profile, which CI
 * runs: about two minutes in all.
 */
@Tag("slow")
class BlockRamGeometryPropertyTest {
    static final int ROMS = 8, RAMS = 5;

    @Property(tries = 2, shrinking = ShrinkingMode.OFF)
    void ice40(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long seed) throws Exception {
        check("ice40", seed);
    }

    @Property(tries = 2, shrinking = ShrinkingMode.OFF)
    void ecp5(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long seed) throws Exception {
        check("ecp5", seed);
    }

    @Property(tries = 2, shrinking = ShrinkingMode.OFF)
    void xc7(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long seed) throws Exception {
        check("xc7", seed);
    }

    @Property(tries = 1, shrinking = ShrinkingMode.OFF)
    void gowin(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long seed) throws Exception {
        check("gowin", seed);
    }

    static void check(String family, long seed) throws Exception {
        Random r = new Random(seed);
        List<RomCase> roms = new ArrayList<>();
        List<RamCase> rams = new ArrayList<>();
        // distinct shapes (each is a module of its own name); widths and depths both small and odd
        while (roms.size() < ROMS) {
            RomCase c = new RomCase(2 + r.nextInt(5_999), 1 + r.nextInt(40));
            if (!roms.contains(c)) roms.add(c);
        }
        while (rams.size() < RAMS) {
            RamCase c = new RamCase(2 + r.nextInt(2_999), 1 + r.nextInt(48));
            if (!rams.contains(c)) rams.add(c);
        }
        Path dir = Files.createTempDirectory("bramble-bram-" + family);
        try {
            MappingChecks.memories(family, roms, rams, dir);
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
        TemporaryDirectories.delete(dir);
    }
}
