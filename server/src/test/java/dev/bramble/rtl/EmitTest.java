package dev.bramble.rtl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmitTest {
    @TempDir
    Path dir;

    private static Path example(String name) {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("examples"))) p = p.getParent();
        return p.resolve("examples").resolve(name).resolve(name + ".bramble");
    }

    private static List<Path> files(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }

    @Test
    void reEmittingGivesByteIdenticalFiles() throws Exception {
        assertEquals(0, Main.run("emit", example("microgpt").toString(), "-o", dir.resolve("a").toString()));
        assertEquals(0, Main.run("emit", example("microgpt").toString(), "-o", dir.resolve("b").toString()));
        List<Path> a = files(dir.resolve("a"));
        List<Path> b = files(dir.resolve("b"));
        assertEquals(a.stream().map(Path::getFileName).toList(), b.stream().map(Path::getFileName).toList());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), a.get(i).toString());
        // the directory is self-contained: top, testbench, library, one bank image per lane, tables, list, README
        Set<String> names = Set.copyOf(a.stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(names.containsAll(List.of("microgpt.v", "microgpt_tb.v", "files.f", "README.md", "weight_rom.v", "mac_lane.v",
                "attention_core.v", "sampler.v", "rom_lane0.hex", "rom_lane15.hex", "exp_hi.hex")), names.toString());
        String readme = Files.readString(dir.resolve("a/README.md"));
        for (String port : List.of("start", "in_token", "in_valid", "in_ready", "out_token", "out_valid", "out_ready", "done", "dbg_z_we", "dbg_z_pass", "dbg_z")) {
            assertTrue(readme.contains("`" + port), port);
        }
        for (String src : Files.readAllLines(dir.resolve("a/files.f"))) assertTrue(Files.exists(dir.resolve("a").resolve(src)), src);
    }

    @Test
    void romImagesHoldTheQuantizedWeightsInBankOrder() throws Exception {
        assertEquals(0, Main.run("emit", example("digits").toString(), "-o", dir.toString()));
        // digits at 4 lanes: fc1 [32, 64] then fc2 [10, 32]; lane l holds rows l, l+4, ...: depth 8*64 + 3*32
        List<String> lane0 = Files.readAllLines(dir.resolve("rom_lane0.hex"));
        assertEquals(8 * 64 + 3 * 32, lane0.size());
        assertTrue(lane0.stream().allMatch(l -> l.matches("[0-9a-f]{2}")), "8-bit q1.7 words");
        // fc2 row 9 is lane 1's third row group: lane 2 and 3 hold zero padding there
        List<String> lane2 = Files.readAllLines(dir.resolve("rom_lane2.hex"));
        assertTrue(lane2.subList(8 * 64 + 2 * 32, 8 * 64 + 3 * 32).stream().allMatch("00"::equals));
    }

    @Test
    void namesBecomeLegalVerilogIdentifiers() {
        assertEquals("module_model", VerilogNames.identifier("module", Set.of()));
        assertEquals("m_3layers", VerilogNames.identifier("3layers", Set.of()));
        assertEquals("caf__x", VerilogNames.identifier("café-x", Set.of()).replace("é", "_"));
        assertEquals("sampler_model", VerilogNames.identifier("sampler", Set.of("sampler")));
        assertEquals("logic_model", VerilogNames.identifier("logic", Set.of()));
    }

    @Test
    void unknownTargetIsAOneLineErrorWithStatus2() throws Exception {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setErr(new PrintStream(err, true));
            status = Main.run("emit", example("digits").toString(), "--target", "nope", "-o", dir.toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(2, status);
        String msg = err.toString();
        assertTrue(msg.contains("has no target 'nope'") && msg.contains("arty"), msg);
        assertEquals(1, msg.strip().lines().count(), msg);
    }
}
