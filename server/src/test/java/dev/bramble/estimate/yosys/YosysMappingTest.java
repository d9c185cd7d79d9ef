package dev.bramble.estimate.yosys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.bramble.estimate.yosys.YosysGrid.MulCase;
import static dev.bramble.estimate.yosys.YosysGrid.RamCase;
import static dev.bramble.estimate.yosys.YosysGrid.RomCase;
import static dev.bramble.estimate.yosys.YosysGrid.ScratchCase;

/**
 * The estimator's block RAM and DSP counts equal what Yosys 0.23 maps rtl-lib's weight_rom and
 * mac_lane to — a small grid per family, one Yosys run each (the default build). The full grid
 * is {@link YosysMappingSlowTest}. Cyclone V block RAM and Gowin DSP cannot be checked by
 * Yosys; their vendor rules are pinned in {@code VendorRulesTest}.
 */
class YosysMappingTest {
    /** Shapes that exercise each table's corners: non-power-of-two depth, the wide shape, tiling. */
    static final List<RomCase> ROMS = List.of(new RomCase(267, 16), new RomCase(1024, 32), new RomCase(2048, 18),
            new RomCase(4096, 8), new RomCase(64, 36), new RomCase(4096, 9),
            // depths that are no power of two, whose slices Yosys lays side by side in a block (memory_libmap)
            new RomCase(6144, 6), new RomCase(3000, 5));
    /** Writable memories (a KV cache's shape): odd widths, slices side by side, the write granularity. */
    static final List<RamCase> RAMS = List.of(new RamCase(768, 24), new RamCase(1536, 10), new RamCase(3000, 5), new RamCase(96, 40));
    /** Lane widths the plan uses (16×16, 8×16) and the edges of each family's multiplier. */
    static final List<MulCase> MULS = List.of(new MulCase(16, 16), new MulCase(8, 16), new MulCase(17, 16),
            new MulCase(18, 18), new MulCase(19, 16), new MulCase(26, 18), new MulCase(27, 18), new MulCase(28, 18), new MulCase(36, 19), new MulCase(4, 4));

    @Test
    void xc7BlockRam(@TempDir Path dir) throws Exception {
        MappingChecks.memories("xc7", ROMS, RAMS, dir);
    }

    @Test
    void ultraScalePlusBlockRam(@TempDir Path dir) throws Exception {
        MappingChecks.memories("xcup", ROMS, RAMS, dir);
    }

    @Test
    void ice40BlockRam(@TempDir Path dir) throws Exception {
        MappingChecks.memories("ice40", ROMS, RAMS, dir);
    }

    @Test
    void ecp5BlockRam(@TempDir Path dir) throws Exception {
        MappingChecks.memories("ecp5", ROMS, RAMS, dir);
    }

    @Test
    void gowinBlockRam(@TempDir Path dir) throws Exception {
        // synth_gowin is slow: three small ROMs and a KV cache's shape.
        MappingChecks.memories("gowin", List.of(new RomCase(267, 16), new RomCase(2048, 8), new RomCase(3000, 5)), List.of(new RamCase(768, 24)), dir);
    }

    /**
     * The lanes' scratch memories: microGPT's 11 rows, deeper than one cell, narrow words, a fourth
     * port (split linears); and one- and two-port memories (a KV cache, a head's scores).
     */
    static final List<ScratchCase> SCRATCHES = List.of(new ScratchCase(11, 16, 3), new ScratchCase(40, 16, 3),
            new ScratchCase(11, 8, 4), new ScratchCase(24, 12, 3), new ScratchCase(16, 64, 1), new ScratchCase(16, 32, 2));

    @Test
    void lutRamOfTheScratchMemories(@TempDir Path dir) throws Exception {
        for (String family : List.of("xc7", "ecp5", "cyclonev", "gowin")) {
            Path d = dir.resolve(family);
            java.nio.file.Files.createDirectories(d);
            MappingChecks.scratches(family, SCRATCHES, d);
        }
    }

    /**
     * microGPT's scratch memory at 32 lanes (6 rows of 16 bits, four read ports): Yosys 0.23
     * built it in flip-flops on Cyclone V (96 MISTRAL_FF a lane) until the emitter wrote the
     * per-port copies out (lane_scratch.v COPIES); now MLABs, as the estimate counts.
     */
    @Test
    void cycloneVFourPortScratchIsLutRam(@TempDir Path dir) throws Exception {
        MappingChecks.scratches("cyclonev", List.of(new ScratchCase(6, 16, 4)), dir);
    }

    @Test
    void xc7Dsp(@TempDir Path dir) throws Exception {
        MappingChecks.multipliers("xc7", MULS, dir);
    }

    @Test
    void ultraScalePlusDsp(@TempDir Path dir) throws Exception {
        MappingChecks.multipliers("xcup", MULS, dir);
    }

    @Test
    void ice40Dsp(@TempDir Path dir) throws Exception {
        MappingChecks.multipliers("ice40", MULS, dir);
    }

    @Test
    void ecp5Dsp(@TempDir Path dir) throws Exception {
        MappingChecks.multipliers("ecp5", MULS, dir);
    }

    @Test
    void cycloneVDsp(@TempDir Path dir) throws Exception {
        MappingChecks.multipliers("cyclonev", MULS, dir);
    }
}
