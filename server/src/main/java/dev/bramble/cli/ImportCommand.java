package dev.bramble.cli;

import dev.bramble.errors.UserError;
import dev.bramble.project.CheckpointImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bramble import CHECKPOINT [--config config.json] [-o FILE]}: a .bramble for a nanoGPT or GPT-2 checkpoint. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Write a .bramble description for a nanoGPT or Hugging Face GPT-2 checkpoint (safetensors or .npz),"
                + " choosing each layer's fixed-point format from its weights (docs/import.md).",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:written", "2:the checkpoint, the config or an option is not usable"})
final class ImportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CHECKPOINT", description = "a .safetensors or .npz state dict")
    Path checkpoint;

    @Option(names = "--config", paramLabel = "FILE", description = "the Hugging Face config.json (n_layer, n_head, n_embd, vocab_size, n_positions)")
    Path config;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "the .bramble to write (default: CHECKPOINT's name with .bramble, here)")
    Path output;

    @Option(names = "--heads", paramLabel = "N", description = "attention heads (nanoGPT's n_head; not in the tensors); --config gives it for GPT-2")
    Integer heads;

    @Option(names = "--tokens", paramLabel = "CHARSET", description = "token id i is the i-th character (a character-level model)")
    String tokens;

    @Option(names = "--bos", description = "the last token id (after the --tokens characters) marks begin/end of a sequence")
    boolean bos;

    @Option(names = "--temperature", paramLabel = "T", description = "end with 'sample temperature T seed 1' (default: argmax)")
    Double temperature;

    @Option(names = "--name", paramLabel = "NAME", description = "the model's name (default: from the checkpoint's file name)")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Path target = output != null ? output
                    : Path.of(checkpoint.getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".bramble");
            if (Files.isDirectory(target)) throw new UserError(target + ": is a directory; give -o FILE.bramble");
            CheckpointImport.Result r = CheckpointImport.run(new CheckpointImport.Options(checkpoint, config, target, heads, tokens, bos, name, temperature));
            try {
                Files.writeString(target, r.text());
            } catch (IOException e) {
                throw new UserError(target + ": cannot write (" + e.getMessage() + "); give another -o path");
            }
            out.println("wrote " + target);
            for (String line : r.report()) out.println(line);
            out.flush();
            return 0;
        } catch (UserError e) {
            err.println("bramble: " + e.getMessage());
            err.flush();
            return 2;
        }
    }
}
