package dev.bramble.board;

import dev.bramble.cli.CliRun;
import dev.bramble.device.Board;
import dev.bramble.device.DeviceCatalog;
import dev.bramble.errors.UserError;
import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import dev.bramble.tools.ProcessRunner;
import dev.bramble.weights.ModelWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clock plans, request frames, project folders (pins for every port, lint-clean tops) and the commands' bad input. */
class BoardFastTest {
    static final Path EXAMPLE = Path.of("..", "examples", "icebreaker", "bigram.bramble");

    /** The example's text with its weights file named by absolute path (so a copy elsewhere still finds them). */
    static String example() throws java.io.IOException {
        return Files.readString(EXAMPLE).replace("weights \"bigram.safetensors\"",
                "weights \"" + EXAMPLE.toAbsolutePath().normalize().getParent().resolve("bigram.safetensors") + "\"");
    }

    static Board board(String id) {
        return DeviceCatalog.standard().board(id).orElseThrow();
    }

    @Test
    void clockPlansStateTheClockTheyReach() throws UserError {
        assertEquals(ClockPlan.Kind.DIRECT, ClockPlan.of(board("icebreaker"), 12).kind());
        ClockPlan half = ClockPlan.of(board("icebreaker"), 6);
        assertEquals(ClockPlan.Kind.DIVIDER, half.kind());
        assertEquals(2, half.divider());
        ClockPlan pll = ClockPlan.of(board("icebreaker"), 48);
        assertEquals(ClockPlan.Kind.PLL, pll.kind());
        assertEquals(48.0, pll.reachedMHz(), 1e-9);
        var p = pll.pll();
        assertEquals(12.0 * (p.get("DIVF") + 1) / ((p.get("DIVR") + 1) * (1 << p.get("DIVQ"))), pll.reachedMHz(), 1e-9);
        ClockPlan odd = ClockPlan.of(board("icebreaker"), 30);      // 30 MHz: the PLL's nearest, within 1 %
        assertTrue(Math.abs(odd.reachedMHz() - 30) <= 0.3, odd.describe());
        UserError e = assertThrows(UserError.class, () -> ClockPlan.of(board("icebreaker"), 5));
        assertTrue(e.getMessage().contains("cannot make 5 MHz") && e.getMessage().contains("16 to 275 MHz through the SB_PLL40_PAD"), e.getMessage());
        // every family's PLL: the settings give the reached clock by the data sheet's formula
        ClockPlan arty = ClockPlan.of(board("arty-a7-35t"), 56.25);
        assertEquals("MMCME2_BASE", arty.primitive());
        var m = arty.pll();
        assertEquals(100.0 * m.get("M") / (m.get("D") * m.get("O")), arty.reachedMHz(), 1e-9);
        assertEquals(56.25, arty.reachedMHz(), 0.5625);
        ClockPlan de1 = ClockPlan.of(board("de1-soc"), 56.25);          // the hand-written TALOS-V2 clock: exact (50 × 9 / 8)
        assertEquals(56.25, de1.reachedMHz(), 1e-9);
        ClockPlan ulx3s = ClockPlan.of(board("ulx3s-85f"), 62.5);
        var u = ulx3s.pll();
        assertEquals(25.0 / u.get("CLKI_DIV") * u.get("CLKFB_DIV"), ulx3s.reachedMHz(), 1e-9);
        double vco = ulx3s.reachedMHz() * u.get("CLKOP_DIV");
        assertTrue(vco >= 400 && vco <= 800, "ECP5 VCO " + vco);
        ClockPlan tang = ClockPlan.of(board("tang-nano-9k"), 54);
        var g = tang.pll();
        assertEquals(27.0 * (g.get("FBDIV_SEL") + 1) / (g.get("IDIV_SEL") + 1), tang.reachedMHz(), 1e-9);
        assertEquals(54.0, tang.reachedMHz(), 1e-9);
        assertThrows(UserError.class, () -> ClockPlan.of(board("de1-soc"), 2000));
    }

    @Test
    void theTargetMayStateTheBaud() throws Exception {
        String text = example().replace("    lanes   1\n", "    lanes   1\n    baud    9600\n");
        Design d = Bramble.analyze("b.bramble", text);
        assertTrue(d.diagnostics().stream().noneMatch(x -> x.isError()), d.diagnostics().toString());
        BoardTarget bt = BoardTarget.of(Path.of("b.bramble"), d.targets().get(0), null);
        assertEquals(9600, bt.baud());
        assertEquals(625, bt.clocksPerBit());                              // 6 MHz / 9600
        assertEquals(115_200, BoardTarget.of(Path.of("b.bramble"), d.targets().get(0), 115_200).baud(), "--baud wins");
        Design bad = Bramble.analyze("b.bramble", text.replace("baud    9600", "baud    12"));
        assertTrue(bad.diagnostics().stream().anyMatch(x -> x.code().equals("baud-range") && x.message().contains("between 300 and 3000000")),
                bad.diagnostics().toString());
        UserError e = assertThrows(UserError.class, () -> BoardTarget.of(Path.of("b.bramble"), d.targets().get(0), 3_000_000));
        assertTrue(e.getMessage().contains("3000000 baud cannot be made from 6 MHz"), e.getMessage());
    }

    /** A line that plays back bytes a board sent (then silence): the host's frame reader on garbage and broken frames. */
    record Playback(java.util.ArrayDeque<Integer> bytes) implements SerialLine {
        static Playback of(int... b) {
            java.util.ArrayDeque<Integer> q = new java.util.ArrayDeque<>();
            for (int v : b) q.add(v);
            return new Playback(q);
        }

        public void write(byte[] ignored) {}

        public int read(int timeoutMillis) {
            return bytes.isEmpty() ? -1 : bytes.poll();
        }

        public void close() {}
    }

    @Test
    void theHostReadsFramesThroughGarbageAndRefusesBrokenOnes() throws UserError {
        int[] token = BoardProtocol.frame(Playback.of(0x00, 0x13, 0xA5, 'T', 7, 'T' ^ 7), 100, "a token");
        assertArrayEquals(new int[] {'T', 7}, token, "garbage before 0xA5 is skipped");
        UserError e = assertThrows(UserError.class, () -> BoardProtocol.frame(Playback.of(0xA5, 'E', 1, 2), 100, "the end of sample 1"));
        assertTrue(e.getMessage().contains("a frame from the board stopped in the middle (no byte for 100 ms while reading the end of sample 1)"), e.getMessage());
        e = assertThrows(UserError.class, () -> BoardProtocol.frame(Playback.of(0xA5, 'T', 7, 0), 100, "a token"));
        assertTrue(e.getMessage().contains("wrong check byte"), e.getMessage());
        e = assertThrows(UserError.class, () -> BoardProtocol.frame(Playback.of(0xA5, 'Q', 7, 0), 100, "a token"));
        assertTrue(e.getMessage().contains("unknown type 0x51"), e.getMessage());
        int[] noise = new int[5000];
        e = assertThrows(UserError.class, () -> BoardProtocol.frame(Playback.of(noise), 100, "a token"));
        assertTrue(e.getMessage().contains("bytes but no frames (wrong baud rate?)"), e.getMessage());
        e = assertThrows(UserError.class, () -> BoardProtocol.talk(Playback.of(0xA5, 'X', 3, 'X' ^ 3), new byte[0], 1, 100));
        assertTrue(e.getMessage().contains("refused the request: the request stopped in the middle (truncated)"), e.getMessage());
    }

    /** {@code r} is {@code expected} (SYNC, then the body) followed by the XOR of the body's bytes. */
    private static void assertFrame(int[] expected, byte[] r) {
        assertEquals(expected.length + 1, r.length);
        int x = 0;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], r[i] & 0xff, "byte " + i);
            if (i > 0) x ^= expected[i];
        }
        assertEquals(x, r[r.length - 1] & 0xff);
    }

    @Test
    void requestFramesCarryTheirFieldsAndACheckByte() {
        byte[] r = BoardProtocol.request(0x01020304L, 128, 3, 0, List.of(0, 1));
        int[] expected = {0xA5, 11, 4, 3, 2, 1, 128, 0, 3, 0, 2, 0, 1};
        assertFrame(expected, r);
    }

    /** A vector request: the marker 0, its 16-bit length, seed, temperature, flags, the elements little-endian, a check byte. */
    @Test
    void vectorRequestFramesCarryTheirFieldsAndACheckByte() {
        byte[] r = BoardProtocol.vectorRequest(0x01020304L, 0, true, new long[] {5, -1, 127, -128}, 8);
        int[] expected = {0xA5, 0, 11, 0, 4, 3, 2, 1, 0, 0, 0, 5, 0xff, 127, 0x80};
        assertFrame(expected, r);
        // 12-bit elements go as two bytes each; continuing the sampler sets flag bit 0; the length is 16 bits
        byte[] wide = BoardProtocol.vectorRequest(7, 0xFFFF, false, new long[] {-2048, 0x123}, 12);
        assertArrayEquals(new byte[] {(byte) 0xA5, 0, 11, 0, 7, 0, 0, 0, (byte) 0xff, (byte) 0xff, 1, 0x00, (byte) 0xf8, 0x23, 0x01},
                java.util.Arrays.copyOf(wide, wide.length - 1));
        assertEquals(2, BoardProtocol.elementBytes(12));
        byte[] big = BoardProtocol.vectorRequest(0, 0, true, new long[300], 8);
        assertEquals(307 & 0xff, big[2] & 0xff);
        assertEquals(307 >> 8, big[3] & 0xff);
        assertTrue((BoardProtocol.request(0, 0, 1, 0, List.of())[1] & 0xff) >= 9, "a token request's second byte is never the vector marker 0");
        assertThrows(IllegalArgumentException.class, () -> BoardProtocol.vectorRequest(0, 0, true, new long[70_000], 8));
    }

    /** The board's answer to a vector request, and broken answers: each a clear error, never a hang (the line plays back then falls silent). */
    @Test
    void theHostReadsAVectorAnswerAndRefusesBrokenOnes() throws UserError {
        int[] ack = {0xA5, 'A', 10, 1, 255, 0, 0, 0x00, 0xE1, 0xF5, 0x05};   // 10 classes, context 1, no BOS, argmax, 100 MHz
        int[] cls = {0xA5, 'T', 6};
        int[] end = {0xA5, 'E', 1, 0x74, 0x02, 0, 0};                          // one step, 628 cycles
        int[] done = {0xA5, 'D'};
        int[] all = concat(withCheck(ack), withCheck(cls), withCheck(end), withCheck(done));
        byte[] req = BoardProtocol.vectorRequest(1, 0, true, new long[64], 8);
        BoardProtocol.Reply r = BoardProtocol.talk(Playback.of(concat(new int[] {0x13, 0x00}, all)), req, 1, 100);
        assertEquals(100_000_000, r.ack().clockHz());
        assertEquals(10, r.ack().vocabulary());
        assertEquals(List.of(6), r.samples().get(0).tokens());
        assertEquals(1, r.samples().get(0).steps());
        assertEquals(628, r.samples().get(0).cycles());
        // cut inside the end-of-step frame: the host stops waiting and says what it was reading
        int[] cut = java.util.Arrays.copyOf(all, withCheck(ack).length + withCheck(cls).length + 4);
        UserError e = assertThrows(UserError.class, () -> BoardProtocol.talk(Playback.of(cut), req, 1, 100));
        assertTrue(e.getMessage().contains("stopped in the middle"), e.getMessage());
        // a flipped byte in the class frame
        int[] flipped = all.clone();
        flipped[withCheck(ack).length + 2] ^= 1;
        e = assertThrows(UserError.class, () -> BoardProtocol.talk(Playback.of(flipped), req, 1, 100));
        assertTrue(e.getMessage().contains("wrong check byte"), e.getMessage());
        // garbage only: no frames
        e = assertThrows(UserError.class, () -> BoardProtocol.talk(Playback.of(new int[5000]), req, 1, 100));
        assertTrue(e.getMessage().contains("bytes but no frames"), e.getMessage());
        // the board's refusals of a vector request
        e = assertThrows(UserError.class, () -> BoardProtocol.talk(Playback.of(withCheck(new int[] {0xA5, 'X', 8})), req, 1, 100));
        assertTrue(e.getMessage().contains("refused the request: the request's kind is not the board's"), e.getMessage());
        e = assertThrows(UserError.class, () -> BoardProtocol.talk(Playback.of(withCheck(new int[] {0xA5, 'X', 2})), req, 1, 100));
        assertTrue(e.getMessage().contains("an input vector of another width"), e.getMessage());
    }

    static int[] withCheck(int[] frame) {
        int[] f = java.util.Arrays.copyOf(frame, frame.length + 1);
        int x = 0;
        for (int i = 1; i < frame.length; i++) x ^= frame[i];
        f[frame.length] = x;
        return f;
    }

    static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(java.util.Arrays::stream).toArray();
    }

    static final Path DIGITS = Path.of("..", "examples", "digits", "digits.bramble");

    /** A vector-input model's board top (board_link_vector around digits) is lint-clean, with a divider clock and with a PLL. */
    @Test
    void aVectorModelsBoardTopIsLintClean(@TempDir Path tmp) throws Exception {
        String text = Files.readString(DIGITS);
        String model = text.substring(0, text.indexOf("target arty"));
        String[][] cases = {{"icebreaker", "6", "1"}, {"arty-a7-35t", "100", "4"}, {"ulx3s-85f", "37.5", "3"}};
        for (String[] c : cases) {
            Path file = tmp.resolve(c[0] + ".bramble");
            Files.writeString(file, model + "target t {\n    board " + c[0] + "\n    clock " + c[1] + " MHz\n    lanes " + c[2] + "\n}\n");
            Design d = Bramble.analyze(file.toString(), Files.readString(file));
            ModelWeights w = ModelWeights.load(d.model().orElseThrow(), tmp);
            BoardTarget bt = BoardTarget.of(file, d.targets().get(0), BoardTarget.DEFAULT_BAUD);
            BoardFiles files = BoardFiles.write(w, bt, tmp.resolve(c[0]));
            String top = Files.readString(files.rtl().resolve(files.top() + ".v"));
            assertTrue(top.contains("board_link_vector #(.TW(4), .N(64), .NI(8), .LANES(" + c[2] + ")"), top);
            assertTrue(files.sources(true).contains("board_link_vector.v") && !files.sources(true).contains("board_link.v"));
            assertTrue(files.sources(false).containsAll(List.of("board_frame_rx.v", "board_frame_tx.v")), files.sources(false).toString());
            List<String> lint = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", files.top()));
            lint.addAll(files.sources(bt.clock().kind() == ClockPlan.Kind.PLL));
            ProcessRunner.Result r = ProcessRunner.run(lint, files.rtl(), Duration.ofMinutes(2));
            assertTrue(r.ok(), c[0] + ": verilator --lint-only -Wall:\n" + r.tail(20));
        }
    }

    /** talk and run refuse --input that does not fit the model, in one line. */
    @Test
    void inputVectorsThatDoNotFitAreRefused(@TempDir Path tmp) throws Exception {
        String digits = DIGITS.toString();
        CliRun few = CliRun.of("talk", digits, "--simulate", "--input", "0.5,0.25");
        assertEquals(2, few.status());
        assertTrue(few.err().contains("--input 1: 2 values; model digits reads 64"), few.err());
        String bad = "0," + "x," + "0,".repeat(61) + "0";
        CliRun nan = CliRun.of("run", digits, "--input", bad);
        assertEquals(2, nan.status());
        assertTrue(nan.err().contains("--input 1: value 2 'x' is not a number"), nan.err());
        CliRun text = CliRun.of("talk", digits, "--simulate", "--prompt", "ab");
        assertEquals(2, text.status());
        assertTrue(text.err().contains("reads a vector, not text"), text.err());
        CliRun noFile = CliRun.of("talk", "--port", "/dev/ttyBrambleNone", "--input", "1,2");
        assertEquals(2, noFile.status());
        assertTrue(noFile.err().contains("--input needs the .bramble FILE"), noFile.err());
        CliRun tokens = CliRun.of("run", EXAMPLE.toString(), "--input", "1,2");
        assertEquals(2, tokens.status());
        assertTrue(tokens.err().contains("reads tokens, not a vector"), tokens.err());
        // run --input classifies the given vectors (quantized as the random ones are)
        String zeros = "0," .repeat(63) + "0";
        CliRun run = CliRun.of("run", digits, "--input", zeros, "--input", zeros);
        assertEquals(0, run.status(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].matches("input 1: class \\d+") && lines[1].replace("input 2", "input 1").equals(lines[0]), run.out());
    }

    /**
     * The token link is sized from the core's plan: microGPT's iCEBreaker target leaves a block
     * RAM for the prompt (a DE1-SoC's logic holds it instead), and the watchdog is the first power
     * of two at least four times the plan's longest sample.
     */
    @Test
    void theLinkIsSizedFromThePlan() throws Exception {
        Path file = Path.of("..", "examples", "microgpt", "microgpt.bramble");
        Design d = Bramble.analyze(file.toString(), Files.readString(file));
        var model = d.model().orElseThrow();
        var plan = dev.bramble.rtl.PlanSource.plan(model, d.target("icebreaker").orElseThrow());
        BoardTopWriter.LinkSizing sizing = BoardTopWriter.LinkSizing.of(plan);
        long sample = 0;
        for (int t = 0; t < model.context(); t++) sample += plan.schedule().cyclesAt(t);
        assertTrue((1L << sizing.watchdogBit()) >= 4 * sample && (1L << (sizing.watchdogBit() - 1)) < 4 * sample,
                sizing + " for a longest sample of " + sample + " cycles");
        assertTrue(sizing.promptInBlock(), "28 of the UP5K's 30 blocks are the core's");
        assertTrue(!BoardTopWriter.LinkSizing.of(dev.bramble.rtl.PlanSource.plan(model, d.target("de1soc").orElseThrow())).promptInBlock());
    }

    /** The example retargeted to every board; each folder's constraints pin every port of the top, and the top is lint-clean. */
    @Test
    void everyBoardGetsPinsForEveryPortAndALintCleanTop(@TempDir Path tmp) throws Exception {
        String text = example();
        String model = text.substring(0, text.indexOf("target icebreaker"));
        for (Board b : DeviceCatalog.standard().boards()) {
            double clock = b.family().id().equals("ice40") ? b.clockMHz() / 2 : b.clockMHz() * 1.5;   // iCE40: the divider; others: their PLL
            Path file = tmp.resolve(b.id() + ".bramble");
            Files.writeString(file, model + "target t {\n    board " + b.id() + "\n    clock " + clock + " MHz\n    lanes 1\n}\n");
            Design d = Bramble.analyze(file.toString(), Files.readString(file));
            ModelWeights w = ModelWeights.load(d.model().orElseThrow(), tmp);
            BoardTarget bt = BoardTarget.of(file, d.targets().get(0), BoardTarget.DEFAULT_BAUD);
            Path dir = tmp.resolve(b.id());
            BoardFiles files = BoardFiles.write(w, bt, dir);
            List<String> constraintFiles = new ArrayList<>();
            if (b.family().id().equals("ice40")) {
                Files.writeString(dir.resolve("board.pcf"), ProjectFiles.pcf(b));
                constraintFiles.add("board.pcf");
            } else {
                List<String> written = VendorProject.write(files);
                for (String f : written) if (f.endsWith(".xdc") || f.endsWith(".qsf") || f.endsWith(".lpf") || f.endsWith(".cst")) constraintFiles.add(f);
                assertTrue(written.contains("README.md"), b.id());
            }
            assertEquals(1, constraintFiles.size(), b.id() + ": " + constraintFiles);
            String constraints = Files.readString(dir.resolve(constraintFiles.get(0)));
            String top = Files.readString(files.rtl().resolve(files.top() + ".v"));
            for (String port : BoardTopWriter.PORTS) {
                assertTrue(top.contains(" " + port + ","
                        ) || top.contains(" " + port + " "), b.id() + ": the top has port " + port);
                Board.Pin pin = ProjectFiles.pins(b).get(port);
                assertTrue(constraints.contains(port) && constraints.contains(pin.site()), b.id() + ": " + port + " pinned to " + pin.site());
            }
            List<String> lint = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--top-module", files.top()));
            // a vendor PLL is a primitive Verilator does not know: the top is linted with the simulation clock then
            lint.addAll(files.sources(bt.clock().kind() == ClockPlan.Kind.PLL));
            ProcessRunner.Result r = ProcessRunner.run(lint, files.rtl(), Duration.ofMinutes(2));
            assertTrue(r.ok(), b.id() + ": verilator --lint-only -Wall:\n" + r.tail(20));
        }
    }

    /** Each family's PLL instance names ports and parameters its primitive has (Yosys's cell library of the family; not Cyclone V's altera_pll). */
    @Test
    void pllInstancesFitTheirPrimitives(@TempDir Path tmp) throws Exception {
        String[][] cases = {{"icebreaker", "48", "+/ice40/cells_sim.v"}, {"arty-a7-35t", "150", "+/xilinx/cells_sim.v +/xilinx/cells_xtra.v"},
                {"ulx3s-85f", "37.5", "+/ecp5/cells_bb.v"}, {"tang-nano-9k", "40.5", "+/gowin/cells_sim.v"}};
        for (String[] c : cases) {
            BoardTarget bt = new BoardTarget(board(c[0]), null, ClockPlan.of(board(c[0]), Double.parseDouble(c[1])), BoardTarget.DEFAULT_BAUD, 1);
            assertEquals(ClockPlan.Kind.PLL, bt.clock().kind(), c[0]);
            Path v = tmp.resolve(c[0] + ".v");
            Files.writeString(v, BoardTopWriter.clock(bt));
            ProcessRunner.Result r = ProcessRunner.run(List.of("yosys", "-q", "-p", "read_verilog -lib " + c[2] + "; read_verilog -sv " + v
                    + "; hierarchy -check -top board_clock"), tmp, Duration.ofMinutes(1));
            assertTrue(r.ok(), c[0] + ":\n" + r.tail(10));
        }
    }

    @Test
    void talkAndBuildRefuseBadInputInOneLine(@TempDir Path tmp) throws Exception {
        CliRun missing = CliRun.of("talk", "--port", "/dev/ttyBrambleNone", "--timeout", "100");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("serial port /dev/ttyBrambleNone does not exist"), missing.err());
        CliRun neither = CliRun.of("talk");
        assertEquals(2, neither.status());
        assertTrue(neither.err().contains("either --port DEV"), neither.err());
        CliRun noFile = CliRun.of("talk", "--simulate");
        assertEquals(2, noFile.status());
        Path file = tmp.resolve("d.bramble");
        String text = example();
        Files.writeString(file, text.replace("board   icebreaker", "board   icebreakr"));
        CliRun unknown = CliRun.of("build", file.toString(), "-o", tmp.resolve("out").toString());
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown board 'icebreakr'"), unknown.err());
        assertFalse(unknown.err().contains("Exception"), unknown.err());
        Files.writeString(file, text.replace("clock   6 MHz", "clock   5 MHz"));
        CliRun slow = CliRun.of("build", file.toString(), "-o", tmp.resolve("out").toString());
        assertEquals(2, slow.status());
        assertTrue(slow.err().contains(":23: board icebreaker cannot make 5 MHz"), slow.err());
        // a missing tool is named with its Debian package before anything runs
        System.setProperty("bramble.tool.icepack", "/nonexistent/icepack");
        try {
            Files.writeString(file, text);
            CliRun noTool = CliRun.of("build", file.toString(), "-o", tmp.resolve("out").toString());
            assertEquals(2, noTool.status());
            assertTrue(noTool.err().contains("icepack not found") && noTool.err().contains("apt-get install -y fpga-icestorm"), noTool.err());
        } finally {
            System.clearProperty("bramble.tool.icepack");
        }
        Files.writeString(file, text.replace("board   icebreaker", "device  xc7k325t"));
        CliRun noBoard = CliRun.of("build", file.toString(), "-o", tmp.resolve("out").toString());
        assertEquals(2, noBoard.status());
        assertTrue(noBoard.err().contains("not a board; write 'board NAME'"), noBoard.err());
    }
}
