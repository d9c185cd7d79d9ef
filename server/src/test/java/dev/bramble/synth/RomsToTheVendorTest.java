package dev.bramble.synth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.device.DeviceCatalog;
import dev.bramble.device.Family;
import dev.bramble.rtl.RtlLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On Cyclone V, where Yosys 0.23 cannot initialise an M10K, bramble synth takes the block ROMs
 * out before synthesis (YosysSynthesis.ROMS_TO_THE_VENDOR): a 1024 x 16 weight ROM then costs no
 * ALMs, the logic that reads it stays, and a ROM asked for in logic stays in logic. Real Yosys.
 */
class RomsToTheVendorTest {
    private static YosysSynthesis.Mapped synth(Path dir, int block) throws Exception {
        Files.createDirectories(dir);
        Path rom = RtlLibrary.copy("weight_rom.v", dir);
        StringBuilder hex = new StringBuilder();
        Random r = new Random(7);
        for (int i = 0; i < 1024; i++) hex.append(String.format("%04x%n", r.nextInt(1 << 16)));
        Files.writeString(dir.resolve("rom.hex"), hex);
        Path top = dir.resolve("t.v");
        Files.writeString(top, """
                module t (input wire clk, input wire [9:0] a, input wire [15:0] b, output reg [15:0] y);
                    wire [15:0] d;
                    weight_rom #(.DEPTH(1024), .WIDTH(16), .INIT_FILE("rom.hex"), .BLOCK(%d)) u_rom (.clk(clk), .addr(a), .data(d));
                    always @(posedge clk) y <= d + b;
                endmodule
                """.formatted(block));
        Family cyclonev = DeviceCatalog.standard().family("cyclonev").orElseThrow();
        return YosysSynthesis.run(cyclonev, List.of(rom, top), "t", dir, Duration.ofMinutes(5));
    }

    @Test
    void aBlockRomLeavesTheLogicAndWhatReadsItStays(@TempDir Path dir) throws Exception {
        YosysSynthesis.Mapped block = synth(dir.resolve("block"), 1);
        int adder = block.cells().getOrDefault("MISTRAL_ALUT_ARITH", 0);
        assertTrue(adder >= 16, "the adder after the ROM is built: " + block.cells());
        assertTrue(block.logic() <= 16, "no ALMs for the ROM's words: " + block.logic() + " ALM, " + block.cells());

        YosysSynthesis.Mapped logic = synth(dir.resolve("logic"), 0);
        assertTrue(logic.logic() > 200, "a LUT ROM stays in logic: " + logic.logic() + " ALM, " + logic.cells());
    }
}
