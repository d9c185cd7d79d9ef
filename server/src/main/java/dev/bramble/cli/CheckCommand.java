package dev.bramble.cli;

import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.project.DesignChecks;
import dev.bramble.project.DesignFiles;
import dev.bramble.errors.UserError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bramble check FILE...}: parse, resolve and validate; print every diagnostic. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check .bramble files (language, weights) and print their errors and warnings.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:no errors", "1:some file has errors", "2:a file could not be read",
                "3:internal error (a bug in Bramble; please report it with the file)"})
final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "the .bramble files to check")
    List<Path> files;

    @Mixin
    FormatOption output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<FileDiagnostic> all = new ArrayList<>();
        boolean unreadable = false;
        for (Path file : files) {
            try {
                Design design = DesignFiles.load(file);
                for (Diagnostic d : DesignChecks.all(design, DesignChecks.baseDir(file))) all.add(new FileDiagnostic(file.toString(), d));
            } catch (UserError e) {
                err.println("bramble: " + e.getMessage());
                unreadable = true;
            }
        }
        if (output.json()) {
            out.println(DiagnosticPrinter.json(all));
        } else {
            for (FileDiagnostic d : all) out.println(DiagnosticPrinter.line(d));
        }
        out.flush();
        if (unreadable) return 2;
        return all.stream().anyMatch(d -> d.diagnostic().isError()) ? 1 : 0;
    }
}
