package dev.bramble.cli;

import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.WeightsSource;
import dev.bramble.project.DesignFiles;
import dev.bramble.errors.UserError;
import dev.bramble.train.BigramBaseline;
import dev.bramble.train.Corpus;
import dev.bramble.train.Network;
import dev.bramble.train.ProgressLine;
import dev.bramble.train.Trainer;
import dev.bramble.train.TrainingOptions;
import dev.bramble.train.WeightsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bramble train FILE --data CORPUS}: trains the described model as a character-level language model. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the model a .bramble file describes as a character-level language model on a text corpus"
                + " (one document per line, BOS around each) with the microGPT recipe: one document per step, Adam"
                + " (beta1 0.85, beta2 0.99), learning rate decayed linearly to 0. Every 10th document is held out."
                + " Writes F32 safetensors keyed by the model's tensor paths and prints the train and held-out loss."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:trained and written", "2:a file or argument is unusable (the message says why)"})
final class TrainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the .bramble file")
    Path file;

    @Option(names = "--data", required = true, paramLabel = "CORPUS", description = "UTF-8 text, one document per line")
    Path data;

    @Option(names = "--steps", defaultValue = "" + DEFAULT_STEPS, paramLabel = "N",
            description = "training steps, one document each (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--lr", defaultValue = "0.002", paramLabel = "X", description = "peak learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "initial weights (as 'weights random seed S') and document order (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "where to write the weights (default: the model's weights file, else MODEL.safetensors beside FILE)")
    Path output;

    static final int DEFAULT_STEPS = 100_000;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            run(out);
            return 0;
        } catch (UserError e) {
            out.flush();
            err.println("bramble: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private void run(PrintWriter out) throws UserError {
        if (steps < 1) throw new UserError("--steps " + steps + ": give at least 1 step");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw new UserError("--lr " + learningRate + ": give a learning rate above 0, e.g. 0.01");
        Model model = checkedModel();
        Network network = Network.compile(model, file.toString());
        Corpus corpus = Corpus.read(data, model.tokens());
        Path target = output != null ? output : defaultOutput(model);
        Path targetDir = target.toAbsolutePath().getParent();
        if (!java.nio.file.Files.isDirectory(targetDir) || !java.nio.file.Files.isWritable(targetDir)) {
            // Said before training, not after minutes of it.
            throw new UserError(target + ": cannot write there (" + targetDir + " is not a writable directory); give another -o path");
        }

        out.printf(Locale.ROOT, "training %s (%,d weights) on %s: %,d documents, %,d held out; %,d steps, lr %s, seed %d%n",
                model.name(), network.parameters().count(), data.getFileName(), corpus.training().size(), corpus.heldOut().size(),
                steps, learningRate, seed);
        if (corpus.longestDocument() + 1 > network.context()) {
            out.printf(Locale.ROOT, "note: documents up to %d characters; the context is %d, so longer ones are cut after %d predictions%n",
                    corpus.longestDocument(), network.context(), network.context());
        }
        out.flush();
        ProgressLine progress = new ProgressLine(out, System.console() != null);
        new Trainer(network, corpus, new TrainingOptions(steps, learningRate, seed)).train(progress);
        double seconds = progress.elapsedSeconds();
        network.parameters().roundToFloat(); // report the loss of the weights as the F32 file holds them
        double trainLoss = Trainer.meanLoss(network, corpus.training());
        double heldOutLoss = Trainer.meanLoss(network, corpus.heldOut());
        try {
            WeightsFile.write(target, network, steps, learningRate, seed, data.getFileName().toString());
        } catch (IOException e) {
            throw new UserError(target + ": cannot write the weights (" + e.getMessage() + "); check the -o path");
        }
        out.printf(Locale.ROOT, "trained in %.2f s (%,.0f steps/s)%n", seconds, steps / seconds);
        double bigram = new BigramBaseline(corpus.training(), network.vocabulary()).meanLoss(corpus.heldOut(), network.context());
        out.printf(Locale.ROOT, "train loss %.4f nats/char, held-out loss %.4f nats/char (a bigram count table: %.4f)%n",
                trainLoss, heldOutLoss, bigram);
        out.printf(Locale.ROOT, "wrote %s%n", target);
        out.flush();
    }

    private Model checkedModel() throws UserError {
        Design design = DesignFiles.load(file);
        for (Diagnostic d : design.diagnostics()) {
            if (d.isError()) {
                throw new UserError(DiagnosticPrinter.line(new FileDiagnostic(file.toString(), d))
                        + " (fix the errors 'bramble check " + file + "' lists first)");
            }
        }
        return design.model().orElseThrow(() -> new UserError(file + ": has no model; add a 'model NAME { ... }' block"));
    }

    private Path defaultOutput(Model model) {
        Path dir = file.toAbsolutePath().getParent();
        if (model.weights() instanceof WeightsSource.File f) {
            Path p = Path.of(f.path());
            return p.isAbsolute() ? p : dir.resolve(p);
        }
        return dir.resolve(model.name() + ".safetensors");
    }
}
