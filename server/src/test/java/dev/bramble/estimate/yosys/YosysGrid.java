package dev.bramble.estimate.yosys;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.bramble.plan.PlanFixtures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Synthesizes many rtl-lib building blocks in ONE Yosys run per family: each case is a small
 * wrapper module marked {@code keep_hierarchy} (so the flow flattens the rtl-lib module into it
 * but keeps the wrapper), and {@code stat -json} gives the mapped cells per wrapper. One run per
 * family keeps the grid affordable on a 2-core machine.
 */
public final class YosysGrid {
    private YosysGrid() {}

    /** A memory to map: its depth, width, and whether the core writes it (BlockRamKind.blocksFor's three arguments). */
    public sealed interface MemoryCase permits RomCase, RamCase {
        int depth();
        int width();
        boolean writable();
    }

    public record RomCase(int depth, int width) implements MemoryCase {
        String module() { return "rom_d" + depth + "_w" + width; }
        public boolean writable() { return false; }
    }

    /** A writable memory: one write port, one registered read port (as the KV cache, attention_core.v g_kv_block). */
    public record RamCase(int depth, int width) implements MemoryCase {
        String module() { return "ram_d" + depth + "_w" + width; }
        public boolean writable() { return true; }
    }

    public record MulCase(int a, int b) {
        String module() { return "mul_a" + a + "_b" + b; }
    }

    public record ScratchCase(int rows, int bits, int ports) {
        String module() { return "scratch_r" + rows + "_n" + bits + "_p" + ports; }
        int rowBits() { return Math.max(1, clog2(rows + 1)); }
    }

    /** One lane's activation memory (rtl-lib/lane_scratch.v, LUT RAM style) per case. */
    public static Map<ScratchCase, Map<String, Integer>> scratches(String family, List<ScratchCase> cases, Path dir) throws Exception {
        StringBuilder v = new StringBuilder();
        int rw = 1, bits = 1, out = 0, ra = 0;
        for (ScratchCase c : cases) {
            rw = Math.max(rw, c.rowBits());
            bits = Math.max(bits, c.bits());
            out += c.bits() * c.ports();
            ra = Math.max(ra, c.rowBits() * c.ports());
        }
        v.append("module top(input clk, input we, input [").append(rw - 1).append(":0] wa, input [").append(bits - 1)
                .append(":0] wd, input [").append(ra - 1).append(":0] ra, output [").append(out - 1).append(":0] rd);\n");
        int lo = 0;
        for (ScratchCase c : cases) {
            int w = c.bits() * c.ports();
            v.append("  ").append(c.module()).append(" u_").append(c.module()).append("(.clk(clk), .we(we), .wa(wa[").append(c.rowBits() - 1)
                    .append(":0]), .wd(wd[").append(c.bits() - 1).append(":0]), .ra(ra[").append(c.rowBits() * c.ports() - 1)
                    .append(":0]), .rd(rd[").append(lo + w - 1).append(':').append(lo).append("]));\n");
            lo += w;
        }
        v.append("endmodule\n");
        // the emitter writes the per-port copies out where the LUT RAM cell reads one port (Emitter)
        var lutRam = dev.bramble.device.DeviceCatalog.standard().family(family).orElseThrow().lutRam();
        int copies = lutRam != null && lutRam.portsPerCell() == 1 ? 1 : 0;
        for (ScratchCase c : cases) {
            v.append("(* keep_hierarchy *)\nmodule ").append(c.module()).append("(input clk, input we, input [").append(c.rowBits() - 1)
                    .append(":0] wa, input [").append(c.bits() - 1).append(":0] wd, input [").append(c.rowBits() * c.ports() - 1)
                    .append(":0] ra, output [").append(c.bits() * c.ports() - 1).append(":0] rd);\n")
                    .append("  lane_scratch #(.ROWS(").append(c.rows()).append("), .NA(").append(c.bits()).append("), .PORTS(").append(c.ports())
                    .append("), .RW(").append(c.rowBits()).append("), .STYLE(1), .COPIES(").append(copies).append(")) mem(.clk(clk), .we(we), .wa(wa), .wd(wd), .ra(ra), .rd(rd));\n")
                    .append("endmodule\n");
        }
        Map<String, Map<String, Integer>> stat = run(family, v.toString(), "lane_scratch.v", dir);
        Map<ScratchCase, Map<String, Integer>> result = new LinkedHashMap<>();
        for (ScratchCase c : cases) result.put(c, stat.getOrDefault(c.module(), Map.of()));
        return result;
    }

    /** The family's Yosys 0.23 flow, from the catalogue (as {@code bramble synth} runs it). */
    public static String synth(String family) {
        return dev.bramble.device.DeviceCatalog.standard().family(family)
                .orElseThrow(() -> new IllegalArgumentException("no family " + family + " in the catalogue")).yosysSynth() + " -top top";
    }

    /**
     * ROMs (rtl-lib/weight_rom.v, random contents) and writable memories (written out as the KV
     * cache is, block RAM asked for) in one Yosys run.
     */
    public static Map<MemoryCase, Map<String, Integer>> memories(String family, List<RomCase> roms, List<RamCase> rams, Path dir) throws Exception {
        StringBuilder v = new StringBuilder();
        int outBits = 0, addrBits = 1, inBits = 1;
        for (RomCase c : roms) { outBits += c.width(); addrBits = Math.max(addrBits, Math.max(1, clog2(c.depth()))); }
        for (RamCase c : rams) { outBits += c.width(); addrBits = Math.max(addrBits, Math.max(1, clog2(c.depth()))); inBits = Math.max(inBits, c.width()); }
        v.append("module top(input clk, input we, input [").append(addrBits - 1).append(":0] wa, input [").append(addrBits - 1)
                .append(":0] addr, input [").append(inBits - 1).append(":0] wd, output [").append(outBits - 1).append(":0] data);\n");
        int lo = 0;
        for (RomCase c : roms) {
            Path hex = dir.resolve(c.module() + ".hex");
            writeRandomHex(hex, c.depth(), c.width(), c.depth() * 131L + c.width());
            v.append("  ").append(c.module()).append(" u_").append(c.module()).append("(.clk(clk), .addr(addr[")
                    .append(Math.max(1, clog2(c.depth())) - 1).append(":0]), .data(data[").append(lo + c.width() - 1).append(':').append(lo).append("]));\n");
            lo += c.width();
        }
        for (RamCase c : rams) {
            int aw = Math.max(1, clog2(c.depth()));
            v.append("  ").append(c.module()).append(" u_").append(c.module()).append("(.clk(clk), .we(we), .wa(wa[").append(aw - 1)
                    .append(":0]), .ra(addr[").append(aw - 1).append(":0]), .wd(wd[").append(c.width() - 1).append(":0]), .rd(data[")
                    .append(lo + c.width() - 1).append(':').append(lo).append("]));\n");
            lo += c.width();
        }
        v.append("endmodule\n");
        for (RomCase c : roms) {
            int aw = Math.max(1, clog2(c.depth()));
            v.append("(* keep_hierarchy *)\nmodule ").append(c.module()).append("(input clk, input [").append(aw - 1)
                    .append(":0] addr, output [").append(c.width() - 1).append(":0] data);\n")
                    .append("  weight_rom #(.DEPTH(").append(c.depth()).append("), .WIDTH(").append(c.width())
                    .append("), .INIT_FILE(\"").append(c.module()).append(".hex\"), .BLOCK(1)) rom(.clk(clk), .addr(addr), .data(data));\n")
                    .append("endmodule\n");
        }
        for (RamCase c : rams) {
            int aw = Math.max(1, clog2(c.depth()));
            v.append("(* keep_hierarchy *)\nmodule ").append(c.module()).append("(input clk, input we, input [").append(aw - 1)
                    .append(":0] wa, input [").append(aw - 1).append(":0] ra, input [").append(c.width() - 1).append(":0] wd, output reg [")
                    .append(c.width() - 1).append(":0] rd);\n")
                    .append("  (* ram_style = \"block\", ramstyle = \"M10K\", syn_ramstyle = \"block_ram\" *)\n")
                    .append("  reg [").append(c.width() - 1).append(":0] mem [0:").append(c.depth() - 1).append("];\n")
                    .append("  always @(posedge clk) begin\n    if (we) mem[wa] <= wd;\n    rd <= mem[ra];\n  end\nendmodule\n");
        }
        Map<String, Map<String, Integer>> stat = run(family, v.toString(), "weight_rom.v", dir);
        Map<MemoryCase, Map<String, Integer>> out = new LinkedHashMap<>();
        for (RomCase c : roms) out.put(c, stat.getOrDefault(c.module(), Map.of()));
        for (RamCase c : rams) out.put(c, stat.getOrDefault(c.module(), Map.of()));
        return out;
    }

    public static Map<MulCase, Map<String, Integer>> multipliers(String family, List<MulCase> cases, Path dir) throws Exception {
        StringBuilder v = new StringBuilder();
        int maxA = 1, maxB = 1, outBits = 0;
        for (MulCase c : cases) {
            maxA = Math.max(maxA, c.a());
            maxB = Math.max(maxB, c.b());
            outBits += c.a() + c.b() + 4;
        }
        v.append("module top(input clk, input en, input first, input [").append(maxA - 1).append(":0] a, input [")
                .append(maxB - 1).append(":0] b, output [").append(outBits - 1).append(":0] acc);\n");
        int lo = 0;
        for (MulCase c : cases) {
            int w = c.a() + c.b() + 4;
            v.append("  ").append(c.module()).append(" u_").append(c.module()).append("(.clk(clk), .en(en), .first(first), .a(a[")
                    .append(c.a() - 1).append(":0]), .b(b[").append(c.b() - 1).append(":0]), .acc(acc[").append(lo + w - 1)
                    .append(':').append(lo).append("]));\n");
            lo += w;
        }
        v.append("endmodule\n");
        for (MulCase c : cases) {
            int w = c.a() + c.b() + 4;
            v.append("(* keep_hierarchy *)\nmodule ").append(c.module()).append("(input clk, input en, input first, input signed [")
                    .append(c.a() - 1).append(":0] a, input signed [").append(c.b() - 1).append(":0] b, output signed [")
                    .append(w - 1).append(":0] acc);\n")
                    .append("  mac_lane #(.AW(").append(c.a()).append("), .BW(").append(c.b()).append("), .ACCW(").append(w)
                    .append(")) lane(.clk(clk), .en(en), .first(first), .a(a), .b(b), .acc(acc));\n")
                    .append("endmodule\n");
        }
        Map<String, Map<String, Integer>> stat = run(family, v.toString(), "mac_lane.v", dir);
        Map<MulCase, Map<String, Integer>> out = new LinkedHashMap<>();
        for (MulCase c : cases) out.put(c, stat.getOrDefault(c.module(), Map.of()));
        return out;
    }

    private static Map<String, Map<String, Integer>> run(String family, String top, String libFile, Path dir) throws Exception {
        Path lib = PlanFixtures.repoFile("rtl-lib/" + libFile);
        Files.writeString(dir.resolve("top.v"), top);
        Path stat = dir.resolve("stat.json");
        String script = "read_verilog -sv " + lib + " top.v; " + synth(family) + "; tee -q -o stat.json stat -json";
        ProcessBuilder pb = new ProcessBuilder(yosys(), "-q", "-p", script).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("yosys.log").toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("yosys is not installed or not on PATH (Debian: apt-get install yosys); "
                    + "these tests check the estimator against real synthesis and cannot run without it", e);
        }
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("yosys " + synth(family) + " did not finish in 15 minutes; log: " + dir.resolve("yosys.log"));
        }
        if (p.exitValue() != 0 || !Files.exists(stat)) {
            throw new AssertionError("yosys failed (" + p.exitValue() + "): " + Files.readString(dir.resolve("yosys.log")));
        }
        JsonObject modules = JsonParser.parseString(Files.readString(stat)).getAsJsonObject().getAsJsonObject("modules");
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> m : modules.entrySet()) {
            String name = m.getKey().startsWith("\\") ? m.getKey().substring(1) : m.getKey();
            Map<String, Integer> cells = new LinkedHashMap<>();
            JsonObject byType = m.getValue().getAsJsonObject().getAsJsonObject("num_cells_by_type");
            if (byType != null) for (Map.Entry<String, JsonElement> c : byType.entrySet()) cells.put(c.getKey(), c.getValue().getAsInt());
            out.put(name, cells);
        }
        return out;
    }

    static String yosys() {
        String env = System.getenv("BRAMBLE_YOSYS");
        return env != null && !env.isBlank() ? env : "yosys";
    }

    static void writeRandomHex(Path file, int depth, int width, long seed) throws IOException {
        Random r = new Random(seed);
        int digits = (width + 3) / 4;
        List<String> lines = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            long v = r.nextLong() & (width >= 64 ? -1L : (1L << width) - 1);
            lines.add(String.format("%0" + digits + "x", v));
        }
        Files.write(file, lines, StandardCharsets.US_ASCII);
    }

    static int clog2(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }
}
