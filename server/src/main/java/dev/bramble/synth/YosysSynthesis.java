package dev.bramble.synth;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.bramble.device.Family;
import dev.bramble.errors.UserError;
import dev.bramble.tools.ProcessRunner;
import dev.bramble.tools.ToolError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs Yosys's synthesis flow for a family on an emitted design and counts what it mapped:
 * block RAM (in the family's smallest unit), DSP cells, logic cells and flip-flops.
 */
public final class YosysSynthesis {
    /** Mapped resources; {@code cells} is Yosys's own count by cell type (flattened top). */
    public record Mapped(String family, int bram, int dspCells, int logic, int ffs, Map<String, Integer> cells, double seconds) {}

    private YosysSynthesis() {}

    /**
     * Where Yosys cannot put an initialised memory in the family's block RAM (Cyclone V: its
     * bram_m10k.txt says {@code init 0}) it would build every block ROM the plan puts in M10K
     * (the weights, the seed table: weight_rom.v's block branch) in logic, which the vendor's
     * tools do not. So those ROMs leave the netlist before synthesis, their read data becoming
     * opaque inputs ($anyseq: the logic after them stays): the logic counted is the rest of the
     * core, and their blocks are the estimate's (the family's documented shapes). Only ROMs
     * asked for in block RAM go; a LUT ROM ({@code storage lut}) is logic and stays.
     */
    static final String ROMS_TO_THE_VENDOR = """
            hierarchy -top TOP
            proc
            opt_clean
            memory_collect
            select -set roms t:$mem_v2 r:WR_PORTS=0 %i a:ram_style=block %i
            select -set romdata @roms %x:+[RD_DATA] @roms %d
            delete @roms
            setundef -undriven -anyseq @romdata
            """;

    public static Mapped run(Family family, List<Path> sources, String top, Path dir, Duration timeout) throws UserError, ToolError {
        StringBuilder script = new StringBuilder();
        for (Path s : sources) script.append("read_verilog -sv ").append(s.toAbsolutePath()).append('\n');
        if (!family.yosysMapsBlockRam()) script.append(ROMS_TO_THE_VENDOR.replace("TOP", top));
        String synth = family.yosysSynth();
        String command = synth + (synth.contains("-flatten") || !synth.startsWith("synth_xilinx") ? "" : " -flatten") + " -top " + top;
        if (synth.startsWith("synth_intel_alm")) {
            // Yosys 0.23's ABC9 pass can name two cells alike and stop on an assertion
            // ("count_id(cell->name) == 0", YosysHQ/yosys#4451, #4349; a drawn Cyclone V design
            // did): splitting the nets before the LUT mapping, as the fix proposes, avoids it
            script.append(command).append(" -run :map_luts\nsplitnets\n").append(command).append(" -run map_luts:\n");
        } else {
            script.append(command).append('\n');
        }
        // fx_mul keeps its own module through synthesis (so that multipliers are neither shared nor
        // narrowed); flatten the mapped netlist afterwards so the top's statistics count everything.
        script.append("setattr -mod -unset keep_hierarchy\nflatten\n");
        script.append("tee -q -o stat.json stat -json\n");
        try {
            Files.deleteIfExists(dir.resolve("stat.json"));   // a stale one must not stand in for this run's
        } catch (IOException e) {
            throw new UserError(dir + ": cannot remove an old stat.json (" + e.getMessage() + ")");
        }
        ProcessRunner.Result r = YosysScript.run(dir, "synth", script.toString(), timeout);
        Map<String, Integer> cells = new TreeMap<>();
        try {
            JsonObject stat = JsonParser.parseString(Files.readString(dir.resolve("stat.json"))).getAsJsonObject();
            JsonObject modules = stat.getAsJsonObject("modules");
            JsonObject mod = modules.has("\\" + top) ? modules.getAsJsonObject("\\" + top) : modules.entrySet().iterator().next().getValue().getAsJsonObject();
            for (Map.Entry<String, JsonElement> e : mod.getAsJsonObject("num_cells_by_type").entrySet()) {
                cells.put(e.getKey(), e.getValue().getAsInt());
            }
        } catch (IOException | RuntimeException e) {
            throw new ToolError("cannot read Yosys's statistics: " + e.getMessage());
        }
        int bram = 0;
        int dsp = 0;
        int ffs = 0;
        for (var e : cells.entrySet()) {
            String type = e.getKey();
            int n = e.getValue();
            if (type.equals(family.blockRam().cell())) bram += n;
            else if (family.blockRam().largerCells().containsKey(type)) bram += n * family.blockRam().largerCells().get(type);
            else if (family.dsp().cells().contains(type)) dsp += n;
            else if (isFlipFlop(type)) ffs += n;
        }
        int logic = logicUnits(family.logicUnit(), cells) + lutRamUnits(family, cells);
        return new Mapped(family.id(), bram, dsp, logic, ffs, cells, r.wall().toMillis() / 1000.0);
    }

    static boolean isFlipFlop(String type) {
        return type.matches("FD[RSCPE]E?|SB_DFF.*|TRELLIS_FF|MISTRAL_FF|DFF[A-Z]*|\\$_.*DFF.*");
    }

    /**
     * Logic in the unit the catalogue counts a part's logic in (docs/estimation.md "Counting logic"):
     * LUT6 — LUT1..LUT6 cells (CARRY4 and MUXF7/8 sit beside the LUTs in a slice); LUT4 — SB_LUT4 on
     * iCE40 (SB_CARRY shares the LUT's logic cell), LUT4 plus two per CCU2C on ECP5 (a carry cell is
     * two LUT4 slices), LUT1..LUT4 plus one per ALU on Gowin; ALM — a MISTRAL_ALUT6 fills an ALM,
     * two smaller ALUTs or two arithmetic bits share one.
     */
    /** Logic cells used as RAM (the family's LUT RAM cells), in its logic unit: a RAM cell is logic a part gives up. */
    public static int lutRamUnits(dev.bramble.device.Family family, Map<String, Integer> cells) {
        if (family.lutRam() == null) return 0;
        double units = 0;
        for (var e : family.lutRam().cells().entrySet()) units += e.getValue() * cells.getOrDefault(e.getKey(), 0);
        return (int) Math.round(units);
    }

    static int logicUnits(String unit, Map<String, Integer> cells) {
        int lut6 = 0, lut4 = 0, alm6 = 0, almHalf = 0;
        for (var e : cells.entrySet()) {
            String t = e.getKey();
            int n = e.getValue();
            if (t.matches("LUT[1-6]")) { lut6 += n; lut4 += n; }
            else if (t.equals("SB_LUT4")) lut4 += n;
            else if (t.equals("CCU2C")) lut4 += 2 * n;
            else if (t.equals("ALU")) lut4 += n;
            else if (t.equals("MISTRAL_ALUT6")) alm6 += n;
            else if (t.matches("MISTRAL_ALUT[2-5]|MISTRAL_ALUT_ARITH|MISTRAL_NOT")) almHalf += n;
        }
        return switch (unit) {
            case "LUT6" -> lut6;
            case "ALM" -> alm6 + (almHalf + 1) / 2;
            default -> lut4;
        };
    }
}
