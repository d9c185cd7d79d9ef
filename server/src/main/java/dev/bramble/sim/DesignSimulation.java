package dev.bramble.sim;

import dev.bramble.tools.ToolError;
import dev.bramble.tools.TemporaryDirectories;
import dev.bramble.tools.ToolLocator;
import dev.bramble.tools.ProcessRunner;
import dev.bramble.numerics.FixedMath;
import dev.bramble.golden.Generator;
import dev.bramble.golden.ReferenceModels;
import dev.bramble.golden.Step;
import dev.bramble.golden.Xorshift32;
import dev.bramble.lang.model.InputLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.SampleLayer;
import dev.bramble.lang.model.Target;
import dev.bramble.errors.UserError;
import dev.bramble.plan.CoreProgram;
import dev.bramble.rtl.Emitter;
import dev.bramble.rtl.TestbenchProtocol;
import dev.bramble.rtl.HexImage;
import dev.bramble.weights.ModelWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bramble sim}: emits the design, runs its testbench in a simulator, and compares every
 * logit of every step, and every chosen token, with the fixed-point reference model. Also
 * checks the measured cycles of each step against the program's prediction.
 */
public final class DesignSimulation {
    /** {@code maxCycles}: the testbench's cycle limit, or null for twice the predicted cycles plus a margin. */
    public record Request(ModelWeights weights, Target target, int samples, List<Integer> prompt, Long seed, String simulator,
                          Path vcd, Path workDir, Long maxCycles) {
        public Request(ModelWeights weights, Target target, int samples, List<Integer> prompt, Long seed, String simulator, Path vcd, Path workDir) {
            this(weights, target, samples, prompt, seed, simulator, vcd, workDir, null);
        }
    }

    /** The first difference: a logit (index ≥ 0) or the chosen token (index −1). */
    public record Mismatch(int sample, int position, int logitIndex, long rtlValue, long referenceValue) {
        public String describe() {
            String what = logitIndex >= 0 ? "logit " + logitIndex : "chosen token";
            return "first mismatch: sample " + sample + ", position " + position + ", " + what + ": RTL " + rtlValue + ", reference " + referenceValue;
        }
    }

    public record Result(boolean bitExact, int steps, long logitsCompared, double cyclesPerTokenMeasured, double cyclesPerTokenPredicted,
                         boolean cyclesMatch, String firstCycleMismatch, List<String> samples, String simulator, double wallSeconds,
                         double buildSeconds, long simulatedCycles, Mismatch firstMismatch, int lanes) {}

    private DesignSimulation() {}

    /** The stages a simulation goes through, in order, as {@code stage} hears them. */
    public enum Stage {
        EMIT("emitting Verilog"), COMPILE("compiling"), RUN("simulating"), COMPARE("comparing with the reference model");

        private final String description;

        Stage(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public static Result run(Request req) throws UserError, ToolError {
        return run(req, stage -> {});
    }

    /**
     * As {@link #run(Request)}; {@code stage} hears each stage as it begins (the editor shows them
     * as progress). A temporary directory (no {@code workDir}) is deleted afterwards.
     */
    public static Result run(Request req, java.util.function.Consumer<Stage> stage) throws UserError, ToolError {
        if (req.workDir() != null) return run(req, req.workDir(), stage);
        Path dir = TemporaryDirectories.create("bramble-sim-");
        try {
            return run(req, dir, stage);
        } finally {
            TemporaryDirectories.delete(dir);
        }
    }

    private static Result run(Request req, Path dir, java.util.function.Consumer<Stage> stage) throws UserError, ToolError {
        long begin = System.nanoTime();
        ModelWeights weights = req.weights();
        Model model = weights.model();
        Simulator simulator = Simulator.named(req.simulator() == null ? "icarus" : req.simulator(), ToolLocator.system());
        stage.accept(Stage.EMIT);
        Emitter.Emitted emitted = Emitter.emit(weights, req.target(), dir);
        // Predicted cycles: the plan's program, which the emitter wrote as it is.
        CoreProgram program = emitted.program();
        long seed = req.seed() != null ? req.seed() : modelSeed(model);
        InputLayer input = inputLayer(model);

        // ---- the reference, and the stimulus that reproduces it ----
        Generator<long[]> reference = ReferenceModels.fixed(weights);
        Xorshift32 random = new Xorshift32(seed);
        Xorshift32 inputRandom = new Xorshift32(seed);
        List<Generator.Sample<long[]>> expected = new ArrayList<>();
        List<Long> inputWords = new ArrayList<>();
        List<Integer> statesBefore = new ArrayList<>();   // the generator's state at each sample's start (SampleShards)
        for (int s = 0; s < req.samples(); s++) {
            statesBefore.add(random.state());
            if (input != null) {
                double[] x = randomInput(input, inputRandom);
                for (double d : x) inputWords.add(FixedMath.quantize(d, input.format().fracBits(), input.format().totalBits()));
                expected.add(reference.classify(x, random));
            } else {
                expected.add(reference.sequence(req.prompt(), random));
            }
        }
        List<String> plusargs = new ArrayList<>();
        long predictedTotal = 0;
        int steps = 0;
        for (var sample : expected) {
            for (Step<long[]> st : sample.steps()) {
                predictedTotal += program.cyclesAt(st.position());
                steps++;
            }
        }
        long maxCycles = req.maxCycles() != null ? req.maxCycles() : 2 * predictedTotal + 200L * steps + 10_000;
        plusargs.add("+max_cycles=" + maxCycles);
        // the samples in as many simulator processes as pay (SampleShards), each its own stimulus
        int[] bounds = SampleShards.bounds(req.samples(), SampleShards.count(req.samples(), predictedTotal, req.vcd() != null));
        List<SampleShards.Shard> shards = new ArrayList<>();
        try {
            for (int k = 0; k + 1 < bounds.length; k++) {
                List<String> own = new ArrayList<>();
                own.add("+samples=" + (bounds[k + 1] - bounds[k]));
                own.add("+seed=" + (k == 0 ? seed & 0xFFFFFFFFL : SampleShards.seedFor(statesBefore.get(bounds[k]))));
                if (input != null) {
                    int n = input.width();
                    long[] words = inputWords.subList(bounds[k] * n, bounds[k + 1] * n).stream().mapToLong(Long::longValue).toArray();
                    String file = bounds.length == 2 ? "inputs.hex" : "inputs" + k + ".hex";
                    Files.writeString(dir.resolve(file), HexImage.of(words, input.format().totalBits()));
                    own.add("+inputs=" + file);
                }
                shards.add(new SampleShards.Shard(bounds[k], bounds[k + 1] - bounds[k], own));
            }
            if (input == null) {
                List<Integer> fed = new ArrayList<>();
                int bos = model.tokens() != null ? model.tokens().bosId() : -1;
                if (bos >= 0) fed.add(bos);
                fed.addAll(req.prompt());
                if (fed.isEmpty()) fed.add(0);
                if (fed.size() > model.context()) {
                    throw new UserError("--prompt is " + req.prompt().size() + " tokens; the context holds " + model.context() + " positions including BOS");
                }
                long[] words = fed.stream().mapToLong(Integer::longValue).toArray();
                Files.writeString(dir.resolve("fed.hex"), HexImage.of(words, 32));
                plusargs.add("+fed=fed.hex");
                plusargs.add("+fedlen=" + fed.size());
            }
        } catch (IOException e) {
            throw new UserError(dir + ": cannot write the stimulus (" + e.getMessage() + ")");
        }
        if (req.vcd() != null) plusargs.add("+vcd=" + req.vcd().toAbsolutePath());

        // ---- build and run ----
        stage.accept(Stage.COMPILE);
        Simulator.Compiled compiled = simulator.compile(emitted.sourcePaths(), emitted.testbench(), dir,
                Simulator.Options.defaults().withTrace(req.vcd() != null));
        Duration timeout = Duration.ofSeconds(Math.max(120, maxCycles / 20_000));
        stage.accept(Stage.RUN);
        List<SampleShards.Shard> runs = new ArrayList<>();
        for (SampleShards.Shard sh : shards) {
            List<String> args = new ArrayList<>(sh.plusargs());
            args.addAll(plusargs);
            runs.add(new SampleShards.Shard(sh.first(), sh.count(), args));
        }
        TestbenchProtocol.Transcript transcript = SampleShards.run(compiled, runs, timeout);
        if (transcript.error() != null) throw new ToolError(transcript.error());

        // ---- compare ----
        stage.accept(Stage.COMPARE);
        Mismatch first = null;
        long compared = 0;
        int stepIndex = 0;
        long measuredSum = 0;
        long predictedSum = 0;
        String cycleMismatch = firstOpMismatch(program, transcript.ops());
        List<String> texts = new ArrayList<>();
        List<TestbenchProtocol.StepLine> stepLines = transcript.steps();
        List<TestbenchProtocol.LogitsLine> logitLines = transcript.logits();
        long endCycle = Math.max(0, transcript.endCycle());
        int bos = model.tokens() != null ? model.tokens().bosId() : -1;
        outer:
        for (int s = 0; s < expected.size(); s++) {
            List<Integer> chosen = new ArrayList<>();
            for (Step<long[]> st : expected.get(s).steps()) {
                if (stepIndex >= stepLines.size()) {
                    first = new Mismatch(s, st.position(), -1, -1, st.chosen());
                    break outer;
                }
                TestbenchProtocol.StepLine sl = stepLines.get(stepIndex);
                long[] rtlLogits = logitLines.get(stepIndex).logits();
                stepIndex++;
                int rtlToken = sl.chosen();
                long cycles = sl.cycles();
                long predicted = program.cyclesAt(st.position());
                measuredSum += cycles;
                predictedSum += predicted;
                if (cycles != predicted && cycleMismatch == null) {
                    cycleMismatch = "sample " + s + ", position " + st.position() + ": measured " + cycles + " cycles, predicted " + predicted;
                }
                long[] z = st.logits();
                for (int i = 0; i < z.length; i++) {
                    long rtl = i < rtlLogits.length ? rtlLogits[i] : Long.MIN_VALUE;
                    compared++;
                    if (rtl != z[i] && first == null) first = new Mismatch(s, st.position(), i, rtl, z[i]);
                }
                if (st.chosen() >= 0) {
                    if (rtlToken != st.chosen() && first == null) first = new Mismatch(s, st.position(), -1, rtlToken, st.chosen());
                    if (rtlToken != bos) chosen.add(rtlToken);
                }
            }
            texts.add(text(model, req.prompt(), chosen, input != null));
        }
        if (first == null && stepIndex != stepLines.size()) {
            first = new Mismatch(expected.size() - 1, -1, -1, stepLines.size(), stepIndex);
        }
        double wall = (System.nanoTime() - begin) / 1e9;
        return new Result(first == null, stepIndex, compared, stepIndex == 0 ? 0 : (double) measuredSum / stepIndex,
                stepIndex == 0 ? 0 : (double) predictedSum / stepIndex, cycleMismatch == null, cycleMismatch, texts, simulator.name(), wall,
                compiled.buildTime().toMillis() / 1000.0, endCycle, first, emitted.program().lanes());
    }

    /**
     * The first op whose start differs from the program's, or the first op a step skipped; null
     * when every op of every step began exactly when the plan says. Indices are the sequencer's
     * ({@link CoreProgram#sequencedOps}); an op of zero cycles at this position takes no cycle of
     * its own, so the testbench cannot see it: it is not expected.
     */
    static String firstOpMismatch(CoreProgram program, List<TestbenchProtocol.OpStart> seen) {
        var ops = program.sequencedOps();
        int expected = 0; // the next op index the current step should start
        int sample = -1, position = -1;
        for (TestbenchProtocol.OpStart o : seen) {
            if (o.sample() != sample || o.position() != position) {
                if (sample >= 0 && (expected = nextVisible(program, expected, position)) < ops.size()) {
                    return where(sample, position, expected, ops.get(expected).label()) + ": never started";
                }
                sample = o.sample();
                position = o.position();
                expected = 0;
            }
            expected = nextVisible(program, expected, position);
            if (o.op() != expected) {
                return expected < ops.size() ? where(sample, position, expected, ops.get(expected).label()) + ": never started (op " + o.op() + " came next)"
                        : "sample " + sample + ", position " + position + ": op " + o.op() + " is not in the program";
            }
            long planned = program.startOf(o.op(), position);
            if (o.start() != planned) {
                return where(sample, position, o.op(), ops.get(o.op()).label()) + ": started at cycle " + o.start() + ", planned " + planned;
            }
            expected++;
        }
        if (sample < 0) return ops.isEmpty() ? null : "the testbench reported no op starts";
        expected = nextVisible(program, expected, position);
        return expected < ops.size() ? where(sample, position, expected, ops.get(expected).label()) + ": never started" : null;
    }

    private static int nextVisible(CoreProgram program, int from, int position) {
        var ops = program.sequencedOps();
        int i = from;
        while (i < ops.size() && ops.get(i).cycles(program.lanes(), position) == 0) i++;
        return i;
    }

    private static String where(int sample, int position, int op, String label) {
        return "sample " + sample + ", position " + position + ", op " + op + " (" + label + ")";
    }

    static String text(Model model, List<Integer> prompt, List<Integer> chosen, boolean vector) {
        if (vector || model.tokens() == null) {
            StringBuilder sb = new StringBuilder();
            for (int id : chosen) sb.append(sb.length() == 0 ? "" : " ").append(id);
            return sb.toString();
        }
        int[] charset = model.tokens().charset().codePoints().toArray();
        StringBuilder sb = new StringBuilder();
        List<Integer> all = new ArrayList<>(prompt);
        all.addAll(chosen);
        for (int id : all) if (id >= 0 && id < charset.length) sb.appendCodePoint(charset[id]);
        return sb.toString();
    }

    static long modelSeed(Model model) {
        return model.outputLayer().orElse(null) instanceof SampleLayer s ? s.seed() : 0;
    }

    static InputLayer inputLayer(Model model) {
        for (Layer l : model.layers()) if (l instanceof InputLayer in) return in;
        return null;
    }

    /** The same random vectors as {@code bramble run} draws for a vector model: uniform over the input format. */
    static double[] randomInput(InputLayer input, Xorshift32 random) {
        double[] x = new double[input.width()];
        double min = input.format().minValue();
        double span = input.format().maxValue() - min;
        for (int j = 0; j < x.length; j++) x[j] = min + span * (Integer.toUnsignedLong(random.next()) * 0x1.0p-32);
        return x;
    }
}
