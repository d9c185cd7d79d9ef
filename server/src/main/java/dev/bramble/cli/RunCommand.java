package dev.bramble.cli;

import dev.bramble.golden.Generator;
import dev.bramble.golden.ReferenceModels;
import dev.bramble.golden.Xorshift32;
import dev.bramble.lang.model.InputLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.SampleLayer;
import dev.bramble.errors.UserError;
import dev.bramble.weights.ModelWeights;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bramble run FILE}: generate samples with the reference model (fixed point by default, as the hardware). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Generate samples with the reference model: fixed point (bit-exact to the hardware) or float.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:samples printed", "2:the file, its weights or an option is not usable"})
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the .bramble file")
    Path file;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "5", description = "how many samples (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "text to start every sample with (through the tokens charset)")
    String prompt;

    @Option(names = "--seed", paramLabel = "S", description = "sampler seed (default: the 'sample ... seed' of the model, else 0)")
    Long seed;

    @Option(names = "--input", paramLabel = "V1,V2,...", description = "a vector-input model: classify this vector (real numbers,"
            + " quantized to the input format) instead of random ones; repeat for more (--samples is then ignored)")
    List<String> inputs;

    static final class Backend {
        @Option(names = "--fixed", description = "fixed point, exactly as the hardware computes (default)")
        boolean fixed;
        @Option(names = "--float", description = "the float model (double precision)")
        boolean floating;
    }

    @ArgGroup(exclusive = true)
    Backend backend;

    @Option(names = "--logits", description = "print the logits at every prompt position instead of samples: row i is what the model"
            + " gives after seeing tokens 0..i (BOS first when the charset has one, then the prompt)")
    boolean logits;

    @picocli.CommandLine.Mixin
    FormatOption format = new FormatOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (samples < 1) throw new UserError("--samples must be at least 1, found " + samples);
            ModelWeights weights = ModelLoading.load(file);
            Model model = weights.model();
            boolean useFloat = backend != null && backend.floating;
            Xorshift32 random = new Xorshift32(seed != null ? seed : modelSeed(model));
            List<Integer> promptTokens = ModelLoading.tokens(model, prompt, "--prompt");
            int bosSlots = model.tokens() != null && model.tokens().bos() ? 1 : 0;
            // Sampling needs one free position after the prompt; --logits only reads the prompt.
            int room = logits ? model.context() : model.context() - 1;
            if (promptTokens.size() + bosSlots > room) {
                throw new UserError("--prompt: " + promptTokens.size() + " tokens " + (logits ? "do not fit" : "leave no room in")
                        + " the context of " + model.context() + "; use at most " + (room - bosSlots));
            }
            InputLayer input = inputLayer(model);
            if (input != null && prompt != null) throw new UserError("--prompt: model " + model.name() + " reads a vector, not text");
            if (input == null && inputs != null) throw new UserError("--input: model " + model.name() + " reads tokens, not a vector; use --prompt");
            Generator<?> generator = useFloat ? ReferenceModels.floating(weights) : ReferenceModels.fixed(weights);
            if (logits) {
                if (input != null) throw new UserError("--logits: model " + model.name() + " reads a vector, not a token sequence");
                printLogits(out, generator.interpreter(), model, promptTokens, useFloat);
                out.flush();
                return 0;
            }
            Xorshift32 inputRandom = new Xorshift32(seed != null ? seed : modelSeed(model));
            int count = input != null && inputs != null ? inputs.size() : samples;
            for (int s = 0; s < count; s++) {
                if (input != null) {
                    double[] x = inputs != null ? parseInput(inputs.get(s), input, model, s + 1) : randomInput(input, inputRandom);
                    out.println("input " + (s + 1) + ": class " + generator.classify(x, random).tokens().get(0));
                } else {
                    List<Integer> tokens = new java.util.ArrayList<>(promptTokens);
                    tokens.addAll(generator.sequence(promptTokens, random).tokens());
                    out.println(ModelLoading.text(model, tokens));
                }
            }
            out.flush();
            return 0;
        } catch (UserError e) {
            err.println("bramble: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    /** One row of logits per fed token (BOS, then the prompt): position i sees tokens 0..i. */
    private void printLogits(PrintWriter out, dev.bramble.golden.Interpreter<?> interpreter, Model model, List<Integer> prompt, boolean useFloat) {
        List<Integer> fed = new java.util.ArrayList<>();
        if (model.tokens() != null && model.tokens().bos()) fed.add(model.tokens().bosId());
        fed.addAll(prompt);
        if (fed.isEmpty()) fed.add(0);
        List<double[]> rows = logitRows(interpreter, fed);
        if (format.json()) {
            com.google.gson.JsonObject o = new com.google.gson.JsonObject();
            o.addProperty("model", model.name());
            o.addProperty("backend", useFloat ? "float" : "fixed");
            com.google.gson.JsonArray tokens = new com.google.gson.JsonArray();
            fed.forEach(tokens::add);
            o.add("tokens", tokens);
            com.google.gson.JsonArray all = new com.google.gson.JsonArray();
            for (double[] row : rows) {
                com.google.gson.JsonArray r = new com.google.gson.JsonArray();
                for (double v : row) r.add(v);
                all.add(r);
            }
            o.add("logits", all);
            out.println(new com.google.gson.GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(o));
        } else {
            for (int i = 0; i < rows.size(); i++) {
                StringBuilder line = new StringBuilder("position " + i + " (token " + fed.get(i) + "):");
                for (double v : rows.get(i)) line.append(' ').append(v);
                out.println(line);
            }
        }
    }

    static <V> List<double[]> logitRows(dev.bramble.golden.Interpreter<V> interpreter, List<Integer> fed) {
        interpreter.reset();
        List<double[]> rows = new java.util.ArrayList<>();
        for (int position = 0; position < fed.size(); position++) {
            rows.add(interpreter.arithmetic().toDouble(interpreter.step(fed.get(position), null, position)));
        }
        return rows;
    }

    static long modelSeed(Model model) {
        return model.outputLayer().orElse(null) instanceof SampleLayer s ? s.seed() : 0;
    }

    static InputLayer inputLayer(Model model) {
        for (Layer l : model.layers()) if (l instanceof InputLayer in) return in;
        return null;
    }

    /** One {@code --input} vector: the model's input width of real numbers, separated by commas. */
    static double[] parseInput(String text, InputLayer input, Model model, int index) throws UserError {
        String[] parts = text.split(",", -1);
        if (parts.length != input.width()) {
            throw new UserError("--input " + index + ": " + parts.length + " value" + (parts.length == 1 ? "" : "s") + "; model " + model.name()
                    + " reads " + input.width());
        }
        double[] x = new double[parts.length];
        for (int j = 0; j < parts.length; j++) {
            try {
                x[j] = Double.parseDouble(parts[j].strip());
            } catch (NumberFormatException e) {
                throw new UserError("--input " + index + ": value " + (j + 1) + " '" + parts[j].strip() + "' is not a number");
            }
            if (!Double.isFinite(x[j])) throw new UserError("--input " + index + ": value " + (j + 1) + " is not finite");
        }
        return x;
    }

    /** A vector model has no text to start from: each sample reads a random vector, uniform over the input format. */
    static double[] randomInput(InputLayer input, Xorshift32 random) {
        double[] x = new double[input.width()];
        double min = input.format().minValue();
        double span = input.format().maxValue() - min;
        for (int j = 0; j < x.length; j++) x[j] = min + span * (Integer.toUnsignedLong(random.next()) * 0x1.0p-32);
        return x;
    }
}
