package dev.bramble.cli;

import dev.bramble.device.Device;
import dev.bramble.device.DeviceCatalog;
import dev.bramble.estimate.BudgetCheck;
import dev.bramble.estimate.Estimate;
import dev.bramble.estimate.EstimateJson;
import dev.bramble.estimate.EstimateTable;
import dev.bramble.estimate.Estimator;
import dev.bramble.lang.Design;
import dev.bramble.lang.Diagnostic;
import dev.bramble.lang.model.Target;
import dev.bramble.plan.Planner;
import dev.bramble.project.DesignFiles;
import dev.bramble.project.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bramble estimate FILE [--target NAME] [--format json]}: what the design costs on its part. */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Estimate block RAM, DSP, logic, cycles per token and tokens/s for a target.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:estimated (budget warnings are printed)", "1:the file has errors, or the design does not fit",
                "2:the file, target or part cannot be used"})
final class EstimateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the .bramble file")
    Path file;

    @Option(names = "--target", paramLabel = "NAME", description = "target block to estimate (default: the first)")
    String targetName;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    @Option(names = "--benchmark", paramLabel = "N", description = "time N estimates after warm-up and print the figures")
    Integer benchmark;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Design design;
        try {
            design = DesignFiles.load(file);
        } catch (UserError e) {
            err.println("bramble: " + e.getMessage());
            return 2;
        }
        if (design.hasErrors()) {
            for (Diagnostic d : design.diagnostics()) {
                if (d.isError()) err.println(DiagnosticPrinter.line(new FileDiagnostic(file.toString(), d)));
            }
            err.println("bramble: fix the errors above, then estimate again");
            return 1;
        }
        if (design.model().isEmpty()) {
            err.println("bramble: " + file + " has no model to estimate");
            return 2;
        }
        Target target = design.target(targetName).orElse(null);
        if (target == null) {
            err.println("bramble: " + file + (targetName == null ? " has no target block; add one (see examples/microgpt)"
                    : " has no target '" + targetName + "'; targets: "
                    + String.join(", ", design.targets().stream().map(Target::name).toList())));
            return 2;
        }
        Device device = DeviceCatalog.standard().find(target.device()).orElse(null);
        if (device == null) {
            for (Diagnostic d : BudgetCheck.check(design.model().get(), target)) {
                err.println(DiagnosticPrinter.line(new FileDiagnostic(file.toString(), d)));
            }
            return 2;
        }
        if (benchmark != null) {
            try {
                EstimateBenchmark.run(file.toString(), DesignFiles.read(file), design.model().get(), target, device,
                        Math.max(1, benchmark), out);
            } catch (UserError e) {
                err.println("bramble: " + e.getMessage());
                return 2;
            }
            out.flush();
            return 0;
        }
        Estimate e = Estimator.estimate(Planner.plan(design.model().get(), target, device));
        var budget = BudgetCheck.check(design.model().get(), target);
        if (format == OutputFormat.json) {
            out.println(EstimateJson.render(e));
        } else {
            out.print(EstimateTable.render(e));
        }
        out.flush();
        for (Diagnostic d : budget) err.println(DiagnosticPrinter.line(new FileDiagnostic(file.toString(), d)));
        return budget.stream().anyMatch(Diagnostic::isError) ? 1 : 0;
    }
}
