package dev.bramble.cli;

import dev.bramble.device.Device;
import dev.bramble.estimate.Estimate;
import dev.bramble.estimate.EstimateJson;
import dev.bramble.estimate.EstimateTable;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Target;
import dev.bramble.project.DesignChecks;
import dev.bramble.project.TargetEstimate;
import dev.bramble.project.DesignFiles;
import dev.bramble.errors.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bramble estimate FILE [--target NAME] [--format json]}: what the design costs on its part. */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Estimate block RAM, DSP, logic, cycles per token and tokens/s for a target.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:estimated (budget warnings are printed)", "1:the file has errors, or the design does not fit",
                "2:the file, target or part cannot be used"})
final class EstimateCommand implements Callable<Integer> {
    @Mixin
    DesignTarget design;

    @Mixin
    FormatOption output;

    @Option(names = "--benchmark", paramLabel = "N", description = "time N estimates after warm-up and print the figures")
    Integer benchmark;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path file = design.file;
        Design loaded;
        try {
            loaded = DesignFiles.load(file);
        } catch (UserError e) {
            err.println("bramble: " + e.getMessage());
            return 2;
        }
        if (loaded.hasErrors()) {
            for (Diagnostic d : loaded.diagnostics()) {
                if (d.isError()) err.println(DiagnosticPrinter.line(new FileDiagnostic(file.toString(), d)));
            }
            err.println("bramble: fix the errors above, then estimate again");
            return 1;
        }
        Model model;
        Target target;
        try {
            model = DesignTarget.checkedModel(file, loaded);
            target = design.target(loaded);
        } catch (UserError e) {
            err.println("bramble: " + e.getMessage());
            return 2;
        }
        // The one analysis pipeline (bramble check and the editor run it too), without the
        // weights file: this target's estimate and budget diagnostics, in the pipeline's order.
        DesignChecks.Result checked = DesignChecks.costs(loaded, () -> {});
        TargetEstimate te = checked.target(target.name()).orElseThrow();
        List<Diagnostic> budget = checked.diagnostics().stream().filter(te.budget()::contains).toList();
        Device device = te.device();
        if (device == null) {
            // The budget check's unknown-part diagnostic names the line and the closest parts.
            for (Diagnostic d : budget) err.println(DiagnosticPrinter.line(new FileDiagnostic(file.toString(), d)));
            return 2;
        }
        if (benchmark != null) {
            try {
                EstimateBenchmark.run(file.toString(), DesignFiles.read(file), model, target, device,
                        Math.max(1, benchmark), out);
            } catch (UserError e) {
                err.println("bramble: " + e.getMessage());
                return 2;
            }
            out.flush();
            return 0;
        }
        if (te.failure() instanceof RuntimeException bug) throw bug;   // an internal error: Main reports it (exit 3)
        if (te.failure() instanceof Error bug) throw bug;
        if (!te.available()) {
            err.println("bramble: target " + target.name() + ": " + te.why());
            return 2;
        }
        Estimate e = te.estimate();
        if (output.json()) {
            out.println(EstimateJson.render(e));
        } else {
            out.print(EstimateTable.render(e));
        }
        out.flush();
        for (Diagnostic d : budget) err.println(DiagnosticPrinter.line(new FileDiagnostic(file.toString(), d)));
        return budget.stream().anyMatch(Diagnostic::isError) ? 1 : 0;
    }
}
