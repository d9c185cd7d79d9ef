package dev.bramble.board;

import dev.bramble.cli.CliRun;
import dev.bramble.errors.UserError;
import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.Model;
import dev.bramble.plan.CoreProgram;
import dev.bramble.rtl.PlanSource;
import dev.bramble.weights.ModelWeights;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A board in a box: the whole board top (UART, protocol, core) in Verilator behind a
 * pseudo-terminal, talked to through jSerialComm exactly as a real board. The text equals
 * 'bramble run --fixed', the cycle count equals the plan's, and bad frames never wedge it.
 */
@Tag("slow")
class BoardSimulationSlowTest {
    record Loaded(Path file, Design design, ModelWeights weights, BoardTarget board) {}

    static Loaded load(Path file) throws Exception {
        Design d = Bramble.analyze(file.toString(), Files.readString(file));
        ModelWeights w = ModelWeights.load(d.model().orElseThrow(), file.toAbsolutePath().getParent());
        return new Loaded(file, d, w, BoardTarget.of(file, d.targets().get(0), BoardTarget.DEFAULT_BAUD));
    }

    static String text(Model m, List<Integer> prompt, List<Integer> tokens) {
        StringBuilder s = new StringBuilder();
        List<Integer> all = new ArrayList<>(prompt);
        all.addAll(tokens);
        for (int t : all) if (t != m.tokens().bosId()) s.appendCodePoint(m.tokens().charset().codePointAt(m.tokens().charset().offsetByCodePoints(0, t)));
        return s.toString();
    }

    static BoardProtocol.Reply talk(BoardSimulation sim, byte[] request, int samples, int timeoutMillis) throws UserError {
        try (SerialLine line = SerialPortLine.open(sim.port().toString(), BoardTarget.DEFAULT_BAUD)) {
            return BoardProtocol.talk(line, request, samples, timeoutMillis);
        }
    }

    @Test
    void theIcebreakerExampleAnswersAsTheReferenceAndSurvivesBadFrames(@TempDir Path tmp) throws Exception {
        Loaded l = load(BoardFastTest.EXAMPLE);
        Model m = l.weights().model();
        BoardFiles files = BoardFiles.write(l.weights(), l.board(), tmp);
        try (BoardSimulation sim = BoardSimulation.start(files, Duration.ofMinutes(5), 600)) {
            List<Integer> prompt = List.of(0, 1);                                  // "ab"
            BoardProtocol.Reply reply = talk(sim, BoardProtocol.request(7, 0, 2, 0, prompt), 2, 20_000);
            String[] expected = CliRun.of("run", l.file().toString(), "--fixed", "--prompt", "ab", "--samples", "2").out().split("\n");
            CoreProgram program = PlanSource.plan(m, l.design().targets().get(0)).program();
            for (int s = 0; s < 2; s++) {
                BoardProtocol.Sample sample = reply.samples().get(s);
                assertEquals(expected[s], text(m, prompt, sample.tokens()), "sample " + s);
                long planned = 0;
                for (int t = 0; t < sample.steps(); t++) planned += program.cyclesAt(t);
                assertEquals(planned, sample.cycles(), "the core's cycles are the plan's");
            }
            assertEquals(6_000_000, reply.ack().clockHz());

            // garbage, a bad check byte, a wrong temperature, a token outside the vocabulary, 0 samples: each an error frame
            byte[] good = BoardProtocol.request(7, 0, 1, 3, prompt);
            byte[] badCheck = good.clone();
            badCheck[badCheck.length - 1] ^= 0x55;
            UserError e = assertThrows(UserError.class, () -> talk(sim, badCheck, 1, 20_000));
            assertTrue(e.getMessage().contains("check byte"), e.getMessage());
            e = assertThrows(UserError.class, () -> talk(sim, BoardProtocol.request(7, 128, 1, 0, prompt), 1, 20_000));
            assertTrue(e.getMessage().contains("temperature"), e.getMessage());
            e = assertThrows(UserError.class, () -> talk(sim, BoardProtocol.request(7, 0, 1, 0, List.of(0, 200)), 1, 20_000));
            assertTrue(e.getMessage().contains("outside the vocabulary"), e.getMessage());
            e = assertThrows(UserError.class, () -> talk(sim, BoardProtocol.request(7, 0, 0, 0, prompt), 0, 20_000));
            assertTrue(e.getMessage().contains("0 samples"), e.getMessage());
            // a frame cut short: the board drops it after 50 ms of silence and says so
            byte[] truncated = java.util.Arrays.copyOf(good, 6);
            e = assertThrows(UserError.class, () -> talk(sim, truncated, 1, 20_000));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            // garbage before a good frame is skipped; a token limit stops the sample early
            byte[] noisy = new byte[good.length + 5];
            System.arraycopy(new byte[] {0x13, 0x37, 0x00, (byte) 0xff, 0x42}, 0, noisy, 0, 5);
            System.arraycopy(good, 0, noisy, 5, good.length);
            BoardProtocol.Reply after = talk(sim, noisy, 1, 20_000);
            assertEquals(3, after.samples().get(0).tokens().size(), "--max-tokens 3");
            // a vector request to a token board: skipped until the line is quiet, then refused as the other kind
            e = assertThrows(UserError.class, () -> talk(sim, BoardProtocol.vectorRequest(7, 0, true, new long[40], 8), 1, 20_000));
            assertTrue(e.getMessage().contains("kind is not the board's"), e.getMessage());
            // a board that says nothing: the host waits a bounded time and says what it waited for
            try (SerialLine quiet = SerialPortLine.open(sim.port().toString(), BoardTarget.DEFAULT_BAUD)) {
                e = assertThrows(UserError.class, () -> BoardProtocol.frame(quiet, 300, "the acknowledgement"));
                assertTrue(e.getMessage().contains("did not answer within 300 ms (waiting for the acknowledgement)"), e.getMessage());
            }
            // a port another program holds is busy
            try (SerialLine first = SerialPortLine.open(sim.port().toString(), BoardTarget.DEFAULT_BAUD)) {
                e = assertThrows(UserError.class, () -> SerialPortLine.open(sim.port().toString(), BoardTarget.DEFAULT_BAUD));
                assertTrue(e.getMessage().contains("it is busy"), e.getMessage());
            }
            // and it still answers afterwards
            assertEquals(expected[0], text(m, prompt, talk(sim, BoardProtocol.request(7, 0, 1, 0, prompt), 1, 20_000).samples().get(0).tokens()));
        }
    }

    /** The command itself: 'bramble talk FILE --simulate' prints what 'bramble run --fixed' prints, and the core's tokens/s. */
    @Test
    void talkSimulatePrintsWhatRunPrints() {
        String file = BoardFastTest.EXAMPLE.toString();
        CliRun talk = CliRun.of("talk", file, "--simulate", "--prompt", "b", "--samples", "2", "--format", "json");
        assertEquals(0, talk.status(), talk.err());
        var o = com.google.gson.JsonParser.parseString(talk.out()).getAsJsonObject();
        CliRun run = CliRun.of("run", file, "--fixed", "--prompt", "b", "--samples", "2");
        String[] names = run.out().split("\n");
        for (int i = 0; i < 2; i++) assertEquals(names[i], o.getAsJsonArray("samples").get(i).getAsJsonObject().get("text").getAsString());
        // 228 cycles per step (the plan's, at one lane) at 6 MHz
        assertEquals(6e6 / 228, o.get("tokensPerSecond").getAsDouble(), 1.0);
        assertTrue(talk.err().contains("simulated board on /dev/pts/"), talk.err());
    }

    /**
     * digits (a vector-input MLP, 4 lanes on the Arty at 100 MHz) with its board top: the class of
     * each input equals the fixed-point reference's, each step takes the plan's cycles, and bad
     * vector frames are refused without wedging the board.
     */
    @Test
    void digitsOnABoardClassifiesAsTheReferenceAndSurvivesBadFrames(@TempDir Path tmp) throws Exception {
        Loaded l = load(BoardFastTest.DIGITS);
        Model m = l.weights().model();
        dev.bramble.lang.model.InputLayer input = (dev.bramble.lang.model.InputLayer) m.layers().get(0);
        int bits = input.format().totalBits();
        BoardFiles files = BoardFiles.write(l.weights(), l.board(), tmp);
        CoreProgram program = PlanSource.plan(m, l.design().targets().get(0)).program();
        var reference = dev.bramble.golden.ReferenceModels.fixed(l.weights());
        try (BoardSimulation sim = BoardSimulation.start(files, Duration.ofMinutes(5), 600)) {
            dev.bramble.golden.Xorshift32 inputs = new dev.bramble.golden.Xorshift32(11);
            dev.bramble.golden.Xorshift32 sampler = new dev.bramble.golden.Xorshift32(11);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            long[] first = null;
            for (int s = 0; s < 6; s++) {
                double[] x = new double[input.width()];
                for (int j = 0; j < x.length; j++) x[j] = input.format().minValue()
                        + (input.format().maxValue() - input.format().minValue()) * (Integer.toUnsignedLong(inputs.next()) * 0x1.0p-32);
                long[] words = new long[x.length];
                for (int j = 0; j < x.length; j++) words[j] = dev.bramble.numerics.FixedMath.quantize(x[j], input.format().fracBits(), bits);
                if (first == null) first = words;
                int expected = reference.classify(x, sampler).tokens().get(0);
                BoardProtocol.Reply r = talk(sim, BoardProtocol.vectorRequest(11, 0, s == 0, words, bits), 1, 20_000);
                assertEquals(List.of(expected), r.samples().get(0).tokens(), "input " + s);
                assertEquals(program.cyclesAt(0), r.samples().get(0).cycles(), "input " + s + ": the core's cycles are the plan's");
                seen.add(expected);
                assertEquals(100_000_000, r.ack().clockHz());
                assertEquals(10, r.ack().vocabulary());
            }
            assertTrue(seen.size() > 1, "the inputs reach more than one class: " + seen);
            long[] good = first;
            byte[] frame = BoardProtocol.vectorRequest(11, 0, true, good, bits);
            byte[] badCheck = frame.clone();
            badCheck[20] ^= 0x40;
            UserError e = assertThrows(UserError.class, () -> talk(sim, badCheck, 1, 20_000));
            assertTrue(e.getMessage().contains("check byte"), e.getMessage());
            e = assertThrows(UserError.class, () -> talk(sim, BoardProtocol.vectorRequest(11, 0, true, java.util.Arrays.copyOf(good, 63), bits), 1, 20_000));
            assertTrue(e.getMessage().contains("length was wrong"), e.getMessage());
            e = assertThrows(UserError.class, () -> talk(sim, BoardProtocol.vectorRequest(11, 128, true, good, bits), 1, 20_000));
            assertTrue(e.getMessage().contains("temperature"), e.getMessage());
            e = assertThrows(UserError.class, () -> talk(sim, java.util.Arrays.copyOf(frame, 30), 1, 20_000));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            e = assertThrows(UserError.class, () -> talk(sim, BoardProtocol.request(7, 0, 1, 0, List.of(0, 1)), 1, 20_000));
            assertTrue(e.getMessage().contains("kind is not the board's"), e.getMessage());
            // garbage before a good frame is skipped, and the board still answers as the reference
            byte[] noisy = new byte[frame.length + 4];
            System.arraycopy(new byte[] {0x13, 0x37, (byte) 0xff, 0x42}, 0, noisy, 0, 4);
            System.arraycopy(frame, 0, noisy, 4, frame.length);
            BoardProtocol.Reply after = talk(sim, noisy, 1, 20_000);
            dev.bramble.golden.Xorshift32 again = new dev.bramble.golden.Xorshift32(11);
            double[] x0 = new double[input.width()];
            for (int j = 0; j < x0.length; j++) x0[j] = input.format().minValue()
                    + (input.format().maxValue() - input.format().minValue()) * (Integer.toUnsignedLong(again.next()) * 0x1.0p-32);
            assertEquals(reference.classify(x0, new dev.bramble.golden.Xorshift32(11)).tokens(), after.samples().get(0).tokens());
        }
    }

    /** 'bramble talk digits --simulate' prints what 'bramble run --fixed' prints, for random inputs and for --input. */
    @Test
    void talkSimulatePrintsTheClassesRunPrints(@TempDir Path tmp) throws Exception {
        String file = BoardFastTest.DIGITS.toString();
        StringBuilder v = new StringBuilder();
        for (int j = 0; j < 64; j++) v.append(j == 0 ? "" : ",").append(((j * 37) % 17 - 8) / 8.0);
        String ramp = v.toString();
        CliRun talk = CliRun.of("talk", file, "--simulate", "--samples", "4", "--seed", "3");
        assertEquals(0, talk.status(), talk.err());
        assertEquals(CliRun.of("run", file, "--fixed", "--samples", "4", "--seed", "3").out(), talk.out());
        assertTrue(talk.err().contains("4 inferences in 2512 core cycles at 100 MHz: 159236 inferences/s"), talk.err());
        CliRun given = CliRun.of("talk", file, "--simulate", "--input", ramp, "--format", "json");
        assertEquals(0, given.status(), given.err());
        var o = com.google.gson.JsonParser.parseString(given.out()).getAsJsonObject();
        assertEquals(CliRun.of("run", file, "--fixed", "--input", ramp).out().strip(),
                o.getAsJsonArray("samples").get(0).getAsJsonObject().get("text").getAsString());
        assertEquals(1e8 / 628, o.get("inferencesPerSecond").getAsDouble(), 1.0);
        // a sampling classifier: the first request seeds the core, the others continue its sampler as run's samples do
        Path sampled = tmp.resolve("sampled.bramble");
        Files.writeString(sampled, Files.readString(BoardFastTest.DIGITS).replace("    argmax\n", "    sample temperature 4.0 seed 9\n"));
        CliRun talkSampled = CliRun.of("talk", sampled.toString(), "--simulate", "--samples", "6");
        assertEquals(0, talkSampled.status(), talkSampled.err());
        String runSampled = CliRun.of("run", sampled.toString(), "--fixed", "--samples", "6").out();
        assertEquals(runSampled, talkSampled.out());
        assertTrue(runSampled.lines().distinct().count() > 1, runSampled);
    }

    /**
     * The microGPT example's own iCEBreaker target (one lane, 6 MHz, the target 'bramble build'
     * turns into a bitstream), its whole board top in Verilator: the same names as 'bramble run
     * --fixed' for three seeds, each sample's cycles the plan's; and 'bramble talk --simulate'
     * itself prints run's names and the tokens/s of the simulated cycle count.
     */
    @Test
    void microGptOnABoardPrintsTheReferenceNames(@TempDir Path tmp) throws Exception {
        Path file = Path.of("..", "examples", "microgpt", "microgpt.bramble").toAbsolutePath().normalize();
        Design d = Bramble.analyze(file.toString(), Files.readString(file));
        var target = d.target("icebreaker").orElseThrow();
        ModelWeights w = ModelWeights.load(d.model().orElseThrow(), file.getParent());
        Loaded l = new Loaded(file, d, w, BoardTarget.of(file, target, BoardTarget.DEFAULT_BAUD));
        assertEquals(1, target.lanes());
        BoardFiles files = BoardFiles.write(l.weights(), l.board(), tmp.resolve("board"));
        CoreProgram program = PlanSource.plan(l.weights().model(), target).program();
        int temperature = BoardProtocol.temperatureQ88(l.weights().model());
        assertEquals(128, temperature, "microGPT samples at temperature 0.5");
        try (BoardSimulation sim = BoardSimulation.start(files, Duration.ofMinutes(5), 600)) {
            for (long seed : new long[] {1, 2, 3}) {
                String[] expected = CliRun.of("run", file.toString(), "--fixed", "--seed", String.valueOf(seed), "--samples", "3").out().split("\n");
                BoardProtocol.Reply r = talk(sim, BoardProtocol.request(seed, temperature, 3, 0, List.of()), 3, 30_000);
                for (int s = 0; s < 3; s++) {
                    BoardProtocol.Sample sample = r.samples().get(s);
                    assertEquals(expected[s], text(l.weights().model(), List.of(), sample.tokens()), "seed " + seed + " sample " + s);
                    long planned = 0;
                    for (int t = 0; t < sample.steps(); t++) planned += program.cyclesAt(t);
                    assertEquals(planned, sample.cycles(), "seed " + seed + " sample " + s + ": cycles");
                }
            }
        }
        CliRun talk = CliRun.of("talk", file.toString(), "--target", "icebreaker", "--simulate", "--seed", "5", "--samples", "3", "--format", "json");
        assertEquals(0, talk.status(), talk.err());
        var o = com.google.gson.JsonParser.parseString(talk.out()).getAsJsonObject();
        String[] names = CliRun.of("run", file.toString(), "--fixed", "--seed", "5", "--samples", "3").out().split("\n");
        long steps = 0, cycles = 0;
        for (int i = 0; i < 3; i++) {
            var sample = o.getAsJsonArray("samples").get(i).getAsJsonObject();
            assertEquals(names[i], sample.get("text").getAsString(), "talk --simulate, sample " + i);
            steps += sample.get("steps").getAsLong();
            cycles += sample.get("cycles").getAsLong();
        }
        assertEquals(6e6 * steps / cycles, o.get("tokensPerSecond").getAsDouble(), 1.0, "tokens/s from the simulated cycles at 6 MHz");
    }
}
