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

    /** microGPT, trained, with the board top: the same names as 'bramble run --fixed' for three seeds. */
    @Test
    void microGptOnABoardPrintsTheReferenceNames(@TempDir Path tmp) throws Exception {
        Path example = Path.of("..", "examples", "microgpt", "microgpt.bramble").toAbsolutePath().normalize();
        String text = Files.readString(example);
        String model = text.substring(0, text.indexOf("target de1soc")).replace("weights \"microgpt.safetensors\"",
                "weights \"" + example.getParent().resolve("microgpt.safetensors") + "\"");
        Path file = tmp.resolve("microgpt.bramble");
        Files.writeString(file, model + "target icebreaker {\n    board icebreaker\n    clock 12 MHz\n    lanes 16\n}\n");
        Loaded l = load(file);
        BoardFiles files = BoardFiles.write(l.weights(), l.board(), tmp.resolve("board"));
        CoreProgram program = PlanSource.plan(l.weights().model(), l.design().targets().get(0)).program();
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
    }
}
