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

    static final class Backend {
        @Option(names = "--fixed", description = "fixed point, exactly as the hardware computes (default)")
        boolean fixed;
        @Option(names = "--float", description = "the float model (double precision)")
        boolean floating;
    }

    @ArgGroup(exclusive = true)
    Backend backend;

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
            if (promptTokens.size() + bosSlots >= model.context()) {
                throw new UserError("--prompt: " + promptTokens.size() + " tokens leave no room in the context of " + model.context()
                        + "; use at most " + (model.context() - 1 - bosSlots));
            }
            InputLayer input = inputLayer(model);
            if (input != null && prompt != null) throw new UserError("--prompt: model " + model.name() + " reads a vector, not text");
            Generator<?> generator = useFloat ? ReferenceModels.floating(weights) : ReferenceModels.fixed(weights);
            Xorshift32 inputs = new Xorshift32(seed != null ? seed : modelSeed(model));
            for (int s = 0; s < samples; s++) {
                if (input != null) {
                    double[] x = randomInput(input, inputs);
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

    static long modelSeed(Model model) {
        return model.outputLayer().orElse(null) instanceof SampleLayer s ? s.seed() : 0;
    }

    static InputLayer inputLayer(Model model) {
        for (Layer l : model.layers()) if (l instanceof InputLayer in) return in;
        return null;
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
