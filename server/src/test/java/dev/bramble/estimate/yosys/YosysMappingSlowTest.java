package dev.bramble.estimate.yosys;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.bramble.estimate.yosys.YosysGrid.MulCase;
import static dev.bramble.estimate.yosys.YosysGrid.RomCase;

/**
 * The full grid: ROM depths 64…4096 × widths 1…36 and multipliers 2…36 bits, every family.
 * Slow (minutes): run with {@code mvn -pl server -am test -P synth-slow}.
 */
@Tag("yosys-slow")
class YosysMappingSlowTest {
    static List<RomCase> roms() {
        List<RomCase> out = new ArrayList<>();
        for (int d : new int[] {64, 267, 512, 1024, 2048, 4096}) {
            for (int w : new int[] {1, 4, 8, 9, 16, 18, 32, 36}) out.add(new RomCase(d, w));
        }
        return out;
    }

    static List<MulCase> muls() {
        List<MulCase> out = new ArrayList<>();
        int[] widths = {2, 4, 8, 9, 10, 12, 16, 17, 18, 19, 24, 25, 26, 27, 28, 32, 36};
        for (int a : widths) for (int b : widths) if (a >= b) out.add(new MulCase(a, b));
        out.add(new MulCase(16, 20));
        return out;
    }

    @Test
    void xc7(@TempDir Path dir) throws Exception {
        MappingChecks.roms("xc7", roms(), dir.resolve(mk(dir, "rom")));
        MappingChecks.multipliers("xc7", muls(), dir.resolve(mk(dir, "mul")));
    }

    @Test
    void ice40(@TempDir Path dir) throws Exception {
        MappingChecks.roms("ice40", roms(), dir.resolve(mk(dir, "rom")));
        MappingChecks.multipliers("ice40", muls(), dir.resolve(mk(dir, "mul")));
    }

    @Test
    void ecp5(@TempDir Path dir) throws Exception {
        MappingChecks.roms("ecp5", roms(), dir.resolve(mk(dir, "rom")));
        MappingChecks.multipliers("ecp5", muls(), dir.resolve(mk(dir, "mul")));
    }

    @Test
    void cycloneV(@TempDir Path dir) throws Exception {
        MappingChecks.multipliers("cyclonev", muls(), dir);
    }

    @Test
    void gowin(@TempDir Path dir) throws Exception {
        MappingChecks.roms("gowin", List.of(new RomCase(64, 36), new RomCase(512, 36), new RomCase(1024, 16),
                new RomCase(4096, 4), new RomCase(1024, 32)), dir);
    }

    private static String mk(Path dir, String name) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve(name));
        return name;
    }
}
