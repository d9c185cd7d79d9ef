package dev.bramble.estimate.yosys;

import dev.bramble.device.DspRules;
import dev.bramble.device.DeviceCatalog;
import dev.bramble.device.Family;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compares the estimator's rules with Yosys's mapped cells, collecting every mismatch. */
final class MappingChecks {
    private MappingChecks() {}

    static Family family(String id) {
        return DeviceCatalog.standard().family(id).orElseThrow();
    }

    static void roms(String familyId, List<YosysGrid.RomCase> cases, Path dir) throws Exception {
        memories(familyId, cases, List.of(), dir);
    }

    /** Block RAM of ROMs and writable memories: the estimator's count equals Yosys's for every case. */
    static void memories(String familyId, List<YosysGrid.RomCase> roms, List<YosysGrid.RamCase> rams, Path dir) throws Exception {
        Family f = family(familyId);
        List<String> wrong = new ArrayList<>();
        for (var e : YosysGrid.memories(familyId, roms, rams, dir).entrySet()) {
            int yosys = f.blockRam().blocksIn(e.getValue());
            YosysGrid.MemoryCase c = e.getKey();
            int estimate = f.blockRam().blocksFor(c.depth(), c.width(), c.writable());
            if (yosys != estimate) wrong.add(e.getKey() + ": estimator " + estimate + " " + f.blockRam().name() + ", Yosys " + yosys + " " + e.getValue());
        }
        assertTrue(wrong.isEmpty(), familyId + " block RAM mismatches:\n" + String.join("\n", wrong));
    }

    /**
     * The catalogue's LUT RAM figure ({@code LutRamKind.units}) against the LUT RAM cells Yosys
     * maps a lane's scratch memory to, counted as {@code bramble synth} counts them: within 10 %.
     */
    static void scratches(String familyId, List<YosysGrid.ScratchCase> cases, Path dir) throws Exception {
        Family f = family(familyId);
        Map<YosysGrid.ScratchCase, Map<String, Integer>> got = YosysGrid.scratches(familyId, cases, dir);
        List<String> wrong = new ArrayList<>();
        for (var e : got.entrySet()) {
            YosysGrid.ScratchCase c = e.getKey();
            int yosys = dev.bramble.synth.YosysSynthesis.lutRamUnits(f, e.getValue());
            double estimate = f.lutRam().units(c.rows(), c.bits(), c.ports());
            if (yosys == 0 || Math.abs(yosys - estimate) > 0.10 * estimate) {
                wrong.add(c + ": estimator " + estimate + " " + f.logicUnit() + " of LUT RAM, Yosys " + yosys + " " + e.getValue());
            }
        }
        assertTrue(wrong.isEmpty(), familyId + " LUT RAM mismatches:\n" + String.join("\n", wrong));
    }

    static void multipliers(String familyId, List<YosysGrid.MulCase> cases, Path dir) throws Exception {
        Family f = family(familyId);
        Map<YosysGrid.MulCase, Map<String, Integer>> got = YosysGrid.multipliers(familyId, cases, dir);
        List<String> wrong = new ArrayList<>();
        for (var e : got.entrySet()) {
            Map<String, Integer> yosys = new LinkedHashMap<>();
            for (var c : e.getValue().entrySet()) if (f.dsp().cells().contains(c.getKey())) yosys.put(c.getKey(), c.getValue());
            Map<String, Integer> estimate = DspRules.cells(f.dsp(), e.getKey().a(), e.getKey().b(), true, 1);
            if (!yosys.equals(estimate)) wrong.add(e.getKey() + ": estimator " + estimate + ", Yosys " + yosys);
        }
        assertTrue(wrong.isEmpty(), familyId + " DSP mismatches:\n" + String.join("\n", wrong));
    }
}
