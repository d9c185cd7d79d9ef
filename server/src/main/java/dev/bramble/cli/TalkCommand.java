package dev.bramble.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.bramble.board.BoardFiles;
import dev.bramble.board.BoardProtocol;
import dev.bramble.board.BoardSimulation;
import dev.bramble.board.BoardTarget;
import dev.bramble.board.SerialLine;
import dev.bramble.board.SerialPortLine;
import dev.bramble.errors.UserError;
import dev.bramble.golden.Xorshift32;
import dev.bramble.lang.model.InputLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.numerics.FixedMath;
import dev.bramble.tools.TemporaryDirectories;
import dev.bramble.tools.ToolError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bramble talk}: the host side of a board's serial line (docs/board.md), on a real port or the board top in Verilator. */
@Command(name = "talk", mixinStandardHelpOptions = true,
        description = "Ask a board for samples over its serial line and print the text (or, for a vector-input model, the class of"
                + " each input) and the core's tokens/s;"
                + " with FILE --simulate, the board top runs in Verilator behind a pseudo-terminal.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:samples printed", "2:bad input, a port that cannot be used, or a board that does not answer", "4:the simulation could not be built"})
final class TalkCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "the .bramble file the board was built from (for its tokens; needed with --simulate)")
    Path file;

    @Option(names = "--target", paramLabel = "NAME", description = "the target block (default: the first)")
    String target;

    @Option(names = "--port", paramLabel = "DEV", description = "the board's serial port, e.g. /dev/ttyUSB1")
    String port;

    @Option(names = "--simulate", description = "run the board top in Verilator behind a pseudo-terminal instead of a real board")
    boolean simulate;

    @Option(names = "--baud", paramLabel = "B", description = "baud rate (default: the target's 'baud', else 115200)")
    Integer baud;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "text to start every sample with")
    String prompt;

    @Option(names = "--input", paramLabel = "V1,V2,...", description = "a vector-input model: one input vector (real numbers,"
            + " quantized to the input format as 'bramble run' does); repeat for more. Without it, --samples random vectors are drawn"
            + " as 'bramble run' draws them")
    List<String> inputs;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1", description = "how many samples (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--seed", paramLabel = "S", description = "sampler seed (default: the model's 'seed', else 0)")
    Long seed;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "0", description = "stop a sample after N chosen tokens (0: at BOS or the end of the context)")
    int maxTokens;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "5000", description = "milliseconds to wait for each frame from the board (default: ${DEFAULT-VALUE})")
    int timeoutMillis;

    @Mixin
    FormatOption output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (samples < 1 || samples > 255) throw new UserError("--samples must be between 1 and 255, found " + samples);
            if (maxTokens < 0 || maxTokens > 255) throw new UserError("--max-tokens must be between 0 and 255, found " + maxTokens);
            if (simulate == (port != null)) throw new UserError("give either --port DEV (a board) or FILE --simulate (the board top in Verilator)");
            if (simulate && file == null) throw new UserError("--simulate needs the .bramble FILE to build the board top from");
            if (timeoutMillis < 1) throw new UserError("--timeout must be at least 1 ms");
            Model model = null;
            List<Integer> promptTokens = List.of();
            int temperature = BoardProtocol.CORE_TEMPERATURE;
            long seedValue = seed != null ? seed : 0;
            HardwareInputs in = null;
            DesignTarget dt = null;
            if (file == null && inputs != null) {
                throw new UserError("--input needs the .bramble FILE (its input format turns the numbers into the words the core takes)");
            }
            if (file != null) {
                dt = new DesignTarget();
                dt.file = file;
                dt.target = target;
                in = dt.hardware();
                model = in.weights().model();
                InputLayer input = RunCommand.inputLayer(model);
                if (input != null) return vectors(out, err, in, model, input);
                if (inputs != null) throw new UserError("--input: model " + model.name() + " reads tokens, not a vector; use --prompt");
                promptTokens = ModelLoading.tokens(model, prompt, "--prompt");
                if (promptTokens.size() + 1 >= model.context()) {
                    throw new UserError("--prompt: " + promptTokens.size() + " tokens leave no room in the context of " + model.context()
                            + "; use at most " + (model.context() - 2));
                }
                if (seed == null) seedValue = RunCommand.modelSeed(model);
                temperature = BoardProtocol.temperatureQ88(model);
            } else if (prompt != null) {
                throw new UserError("--prompt needs the .bramble FILE (its tokens turn the text into token ids)");
            }
            BoardProtocol.Reply reply;
            try (Board board = board(err, in); SerialLine line = SerialPortLine.open(board.device(), lineBaud(in))) {
                reply = BoardProtocol.talk(line, BoardProtocol.request(seedValue, temperature, samples, maxTokens, promptTokens), samples, timeoutMillis);
            }
            print(out, err, model, promptTokens, reply);
            return 0;
        } catch (UserError e) {
            err.println("bramble: " + e.getMessage());
            err.flush();
            return 2;
        } catch (ToolError e) {
            err.println("bramble: " + e.getMessage());
            err.flush();
            return 4;
        }
    }

    /**
     * The line's other end: the board on --port, or with --simulate the board top running in
     * Verilator, built in a temporary folder that closing removes.
     */
    private record Board(String device, BoardSimulation sim, Path work) implements AutoCloseable {
        @Override
        public void close() {
            if (sim != null) sim.close();
            if (work != null) TemporaryDirectories.delete(work);
        }
    }

    private Board board(PrintWriter err, HardwareInputs in) throws UserError, ToolError {
        if (!simulate) return new Board(port, null, null);
        Path work = TemporaryDirectories.create("bramble-talk");
        try {
            BoardSimulation sim = simulatedBoard(err, in, work);
            if (timeoutMillis == 5000) timeoutMillis = 60_000;   // a simulated board is slower than a real one
            return new Board(sim.port().toString(), sim, work);
        } catch (UserError | ToolError | RuntimeException e) {
            TemporaryDirectories.delete(work);
            throw e;
        }
    }

    /** --simulate: the board top for the target, built in {@code work} and run in Verilator behind a pseudo-terminal. */
    private BoardSimulation simulatedBoard(PrintWriter err, HardwareInputs in, Path work) throws UserError, ToolError {
        BoardTarget bt = BoardTarget.of(file, in.target(), baud);
        err.println("bramble: building the " + bt.board().id() + " board top in Verilator ...");
        err.flush();
        BoardFiles files = BoardFiles.write(in.weights(), bt, work);
        BoardSimulation sim = BoardSimulation.start(files, Duration.ofMinutes(10), 3600);
        err.println(String.format(Locale.ROOT, "bramble: simulated board on %s (built in %.1f s)", sim.port(), sim.buildTime().toMillis() / 1000.0));
        err.flush();
        return sim;
    }

    /** The line's baud: --baud, else the target's, else the default (no FILE: the default). */
    private int lineBaud(HardwareInputs in) {
        return baud != null ? baud : in != null && in.target().baud() > 0 ? in.target().baud() : BoardTarget.DEFAULT_BAUD;
    }

    /**
     * A vector-input model: one request per input vector (the first resets the core with the seed,
     * the others continue its sampler, as 'bramble run --samples' does), and the class of each,
     * printed as 'bramble run' prints it.
     */
    private int vectors(PrintWriter out, PrintWriter err, HardwareInputs in, Model model, InputLayer input) throws UserError, ToolError {
        if (prompt != null) throw new UserError("--prompt: model " + model.name() + " reads a vector, not text; give --input V1,V2,...");
        if (maxTokens != 0) throw new UserError("--max-tokens: model " + model.name() + " reads a vector and chooses one class per input");
        long seedValue = seed != null ? seed : RunCommand.modelSeed(model);
        List<double[]> vectors = new ArrayList<>();
        if (inputs != null) {
            for (int i = 0; i < inputs.size(); i++) vectors.add(RunCommand.parseInput(inputs.get(i), input, model, i + 1));
        } else {
            Xorshift32 random = new Xorshift32(seedValue);
            for (int s = 0; s < samples; s++) vectors.add(RunCommand.randomInput(input, random));
        }
        int temperature = BoardProtocol.temperatureQ88(model);
        try (Board board = board(err, in)) {
            int bits = input.format().totalBits();
            List<Integer> classes = new ArrayList<>();
            List<Long> cycles = new ArrayList<>();
            BoardProtocol.Ack ack = null;
            double seconds = 0;
            try (SerialLine line = SerialPortLine.open(board.device(), lineBaud(in))) {
                for (int s = 0; s < vectors.size(); s++) {
                    long[] words = new long[input.width()];
                    for (int j = 0; j < words.length; j++) {
                        words[j] = FixedMath.quantize(vectors.get(s)[j], input.format().fracBits(), bits);
                    }
                    BoardProtocol.Reply r = BoardProtocol.talk(line, BoardProtocol.vectorRequest(seedValue, temperature, s == 0, words, bits), 1, timeoutMillis);
                    BoardProtocol.Sample sample = r.samples().get(0);
                    if (sample.tokens().size() != 1) throw new UserError("the board sent " + sample.tokens().size() + " classes for input " + (s + 1) + ", not 1");
                    ack = r.ack();
                    classes.add(sample.tokens().get(0));
                    cycles.add(sample.cycles());
                    seconds += r.seconds();
                }
            }
            long total = cycles.stream().mapToLong(Long::longValue).sum();
            double hz = ack.clockHz();
            double perSecond = total == 0 ? 0 : classes.size() * hz / total;
            if (output.json()) {
                JsonObject o = new JsonObject();
                JsonArray arr = new JsonArray();
                for (int i = 0; i < classes.size(); i++) {
                    JsonObject one = new JsonObject();
                    one.addProperty("text", "input " + (i + 1) + ": class " + classes.get(i));
                    one.addProperty("class", classes.get(i));
                    one.addProperty("cycles", cycles.get(i));
                    arr.add(one);
                }
                o.add("samples", arr);
                o.addProperty("clockHz", hz);
                o.addProperty("inferences", classes.size());
                o.addProperty("cycles", total);
                o.addProperty("inferencesPerSecond", perSecond);
                o.addProperty("seconds", seconds);
                out.println(new GsonBuilder().setPrettyPrinting().create().toJson(o));
            } else {
                for (int i = 0; i < classes.size(); i++) out.println("input " + (i + 1) + ": class " + classes.get(i));
                err.println(String.format(Locale.ROOT, "bramble: %d inferences in %d core cycles at %s MHz: %.0f inferences/s (%.2f s on the line)",
                        classes.size(), total, trim(hz / 1e6), perSecond, seconds));
            }
            out.flush();
            err.flush();
            return 0;
        }
    }

    private void print(PrintWriter out, PrintWriter err, Model model, List<Integer> promptTokens, BoardProtocol.Reply reply) {
        long steps = 0, cycles = 0;
        List<String> texts = new ArrayList<>();
        for (BoardProtocol.Sample s : reply.samples()) {
            steps += s.steps();
            cycles += s.cycles();
            List<Integer> tokens = new ArrayList<>(promptTokens);
            for (int t : s.tokens()) if (t != reply.ack().bos()) tokens.add(t);
            texts.add(model != null ? ModelLoading.text(model, tokens) : tokens.toString());
        }
        double hz = reply.ack().clockHz();
        double tokensPerSecond = cycles == 0 ? 0 : steps * hz / cycles;
        if (output.json()) {
            JsonObject o = new JsonObject();
            JsonArray arr = new JsonArray();
            for (int i = 0; i < texts.size(); i++) {
                JsonObject s = new JsonObject();
                s.addProperty("text", texts.get(i));
                JsonArray ids = new JsonArray();
                reply.samples().get(i).tokens().forEach(ids::add);
                s.add("tokens", ids);
                s.addProperty("steps", reply.samples().get(i).steps());
                s.addProperty("cycles", reply.samples().get(i).cycles());
                arr.add(s);
            }
            o.add("samples", arr);
            o.addProperty("clockHz", reply.ack().clockHz());
            o.addProperty("steps", steps);
            o.addProperty("cycles", cycles);
            o.addProperty("tokensPerSecond", tokensPerSecond);
            o.addProperty("seconds", reply.seconds());
            out.println(new GsonBuilder().setPrettyPrinting().create().toJson(o));
        } else {
            texts.forEach(out::println);
            err.println(String.format(Locale.ROOT, "bramble: %d steps in %d core cycles at %s MHz: %.0f tokens/s (%.2f s on the line)",
                    steps, cycles, trim(hz / 1e6), tokensPerSecond, reply.seconds()));
        }
        out.flush();
        err.flush();
    }

    private static String trim(double mhz) {
        return mhz == Math.rint(mhz) ? String.valueOf((long) mhz) : String.format(Locale.ROOT, "%.4f", mhz).replaceAll("0+$", "");
    }
}
