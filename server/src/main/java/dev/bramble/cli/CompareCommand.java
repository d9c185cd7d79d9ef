package dev.bramble.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.bramble.golden.Comparison;
import dev.bramble.golden.Xorshift32;
import dev.bramble.lang.model.InputLayer;
import dev.bramble.lang.model.Model;
import dev.bramble.errors.UserError;
import dev.bramble.weights.ModelWeights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bramble compare FILE}: how far the fixed-point model drifts from the float model. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run the float and the fixed-point model side by side and report how far the fixed point drifts.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:figures printed", "2:the file, its weights, the corpus or an option is not usable"})
final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the .bramble file")
    Path file;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000", description = "positions to compare (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--data", paramLabel = "CORPUS", description = "a text corpus, one document per line: adds the cross-entropy of both models")
    Path data;

    @Option(names = "--seed", paramLabel = "S", description = "sampler seed for the generated tokens (default: the model's)")
    Long seed;

    @Mixin
    FormatOption output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (steps < 1) throw new UserError("--steps must be at least 1, found " + steps);
            ModelWeights weights = ModelLoading.load(file);
            Model model = weights.model();
            Comparison comparison = new Comparison(weights);
            long s = seed != null ? seed : RunCommand.modelSeed(model);
            InputLayer input = RunCommand.inputLayer(model);
            Comparison.Result r;
            if (input != null) {
                if (data != null) throw new UserError("--data: model " + model.name() + " reads vectors, not text");
                Xorshift32 random = new Xorshift32(s);
                List<double[]> inputs = new ArrayList<>();
                for (int i = 0; i < steps; i++) inputs.add(RunCommand.randomInput(input, random));
                r = comparison.vectors(inputs);
            } else if (data != null) {
                r = comparison.corpus(documents(model), steps);
            } else {
                r = comparison.generated(steps, s);
            }
            print(out, model, r);
            out.flush();
            return 0;
        } catch (UserError e) {
            err.println("bramble: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private List<List<Integer>> documents(Model model) throws UserError {
        String text = readCorpus(data);
        List<List<Integer>> docs = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) continue;
            docs.add(ModelLoading.tokens(model, lines[i], data + ":" + (i + 1)));
        }
        if (docs.isEmpty()) throw new UserError(data + ": has no documents (one per line)");
        return docs;
    }

    /** The corpus as UTF-8 text, every I/O failure a {@link UserError} that says what to do. */
    static String readCorpus(Path file) throws UserError {
        try {
            if (Files.isDirectory(file)) throw new UserError(file + ": is a directory; give a text file with one document per line");
            if (Files.size(file) > MAX_CORPUS_BYTES) throw new UserError(file + ": is larger than 256 MiB; use a smaller corpus");
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(file + ": no such corpus file; check the --data path");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UserError(file + ": is not UTF-8 text; save the corpus as UTF-8");
        } catch (java.io.IOException e) {
            throw new UserError(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    static final long MAX_CORPUS_BYTES = 256L << 20;

    private void print(PrintWriter out, Model model, Comparison.Result r) {
        if (output.json()) {
            JsonObject o = new JsonObject();
            o.addProperty("model", model.name());
            o.addProperty("steps", r.steps());
            o.addProperty("top1Agreement", r.top1Agreement());
            o.addProperty("maxLogitError", r.maxLogitError());
            o.addProperty("meanLogitError", r.meanLogitError());
            if (!Double.isNaN(r.floatLoss())) {
                o.addProperty("floatLoss", r.floatLoss());
                o.addProperty("fixedLoss", r.fixedLoss());
            }
            Comparison.Saturation sat = r.saturation();
            o.addProperty("activationsAtLimit", sat.atLimit());
            o.addProperty("activationValues", sat.values());
            if (sat.worstLayer() != null) o.addProperty("mostAtLimitLayer", sat.worstLayer());
            o.addProperty("floatLargestActivation", sat.floatLargest());
            if (sat.holding() != null) o.addProperty("activationFormatHoldingFloat", sat.holding().toString());
            out.println(new GsonBuilder().setPrettyPrinting().create().toJson(o));
            return;
        }
        out.printf(Locale.ROOT, "%s: float vs fixed point (weights %s, activations %s), %d steps%n",
                model.name(), model.weightFormat(), model.activationFormat(), r.steps());
        out.printf(Locale.ROOT, "  top-1 agreement   %.2f %%%n", 100 * r.top1Agreement());
        out.printf(Locale.ROOT, "  max logit error   %.6f%n", r.maxLogitError());
        out.printf(Locale.ROOT, "  mean logit error  %.6f%n", r.meanLogitError());
        if (!Double.isNaN(r.floatLoss())) {
            out.printf(Locale.ROOT, "  loss (nats/token) float %.4f, fixed %.4f%n", r.floatLoss(), r.fixedLoss());
        }
        Comparison.Saturation sat = r.saturation();
        out.printf(Locale.ROOT, "  activations at the %s limit: %d of %d (%.3f %%)%s%n", model.activationFormat(), sat.atLimit(), sat.values(),
                sat.values() == 0 ? 0.0 : 100.0 * sat.atLimit() / sat.values(),
                sat.worstLayer() == null ? "" : ", most in " + sat.worstLayer());
        if (sat.atLimit() > 0 && sat.holding() != null && !sat.holding().equals(model.activationFormat())) {
            out.printf(Locale.ROOT, "  the float model's activations reach %.3f; 'activations %s' would hold them at the same width%n",
                    sat.floatLargest(), sat.holding());
        }
    }
}
