package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bramble.sim.VerilatorLint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code verilator --lint-only -Wall} is clean on every rtl-lib module and on emitted designs. */
class LintTest {
    @TempDir
    Path dir;

    /** Each library module with the modules it instantiates. */
    private static final Map<String, List<String>> MODULES = Map.ofEntries(
            Map.entry("weight_rom", List.of("weight_rom.v")),
            Map.entry("mac_lane", List.of("mac_lane.v")),
            Map.entry("matvec_engine", List.of("fx_mul.v", "fx_gelu.v", "mac_lane.v", "matvec_engine.v")),
            Map.entry("fx_mul", List.of("fx_mul.v")),
            Map.entry("fx_rsqrt", List.of("fx_mul.v", "weight_rom.v", "fx_rsqrt_seed.v", "fx_newton_cut.v", "fx_rsqrt.v")),
            Map.entry("norm_unit", List.of("fx_mul.v", "fx_cmul.v", "norm_unit.v")),
            Map.entry("fx_recip", List.of("fx_mul.v", "weight_rom.v", "fx_recip_seed.v", "fx_newton_cut.v", "fx_recip.v")),
            Map.entry("fx_newton", List.of("fx_mul.v", "weight_rom.v", "fx_rsqrt_seed.v", "fx_recip_seed.v", "fx_newton_cut.v", "fx_newton.v")),
            Map.entry("fx_newton_cut", List.of("fx_newton_cut.v")),
            Map.entry("fx_exp_neg", List.of("fx_mul.v", "weight_rom.v", "fx_exp_tables.v", "fx_exp_neg.v")),
            Map.entry("fx_gelu", List.of("fx_mul.v", "fx_gelu.v")),
            Map.entry("xorshift32", List.of("xorshift32.v")),
            Map.entry("argmax_scan", List.of("argmax_scan.v")),
            Map.entry("logit_max", List.of("logit_max.v")),
            Map.entry("sampler", List.of("fx_mul.v", "fx_cmul.v", "weight_rom.v", "xorshift32.v", "fx_exp_tables.v", "fx_exp_neg.v", "sampler.v")),
            Map.entry("attention_core", List.of("fx_mul.v", "fx_cmul.v", "weight_rom.v", "fx_exp_tables.v", "attention_core.v")),
            Map.entry("board_frame_rx", List.of("uart_rx.v", "board_frame_rx.v")),
            Map.entry("board_frame_tx", List.of("uart_tx.v", "board_frame_tx.v")));

    @Test
    void everyLibraryModuleIsClean() throws Exception {
        List<String> all = new ArrayList<>();
        for (var e : MODULES.entrySet()) {
            List<Path> files = new ArrayList<>();
            for (String f : e.getValue()) files.add(RtlLibrary.copy(f, dir));
            for (String issue : VerilatorLint.lint(files, e.getKey(), dir)) all.add(e.getKey() + ": " + issue);
        }
        assertEquals(List.of(), all);
    }

    @ParameterizedTest
    @CsvSource({"examples/microgpt/microgpt.bramble, 16,", "examples/microgpt/microgpt.bramble, 1,", "examples/digits/digits.bramble, 4,",
                "server/src/test/resources/rtl/kitchen.bramble, 4,", "server/src/test/resources/rtl/imported.bramble, 3,",
                "server/src/test/resources/rtl/imported.bramble, 16,",
                // iCE40: the scratch memories in block RAM read a clock ahead (the decode and the next clock's addresses)
                "examples/microgpt/microgpt.bramble, 1, iCE40UP5K-SG48", "server/src/test/resources/rtl/kitchen.bramble, 3, iCE40UP5K-SG48",
                "examples/digits/digits.bramble, 2, iCE40HX8K-CT256"})
    void emittedDesignsAreClean(String file, int lanes, String device) throws Exception {
        RepoDesign design = RepoDesign.withLanes(file, lanes, device, dir);
        Emitter.Emitted e = Emitter.emit(design.weights(), design.target(), dir.resolve("out"));
        List<Path> sources = e.sourcePaths().stream().filter(p -> !p.getFileName().toString().equals(e.testbench() + ".v")).toList();
        assertEquals(List.of(), VerilatorLint.lint(sources, e.top(), e.dir()));
    }
}
