package dev.bramble.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bramble} command line: one subcommand per job, the same services the editor uses. */
@Command(name = "bramble", mixinStandardHelpOptions = true, version = "bramble 0.1.0",
        description = "Language tools and hardware generator for tiny neural networks in FPGA on-chip memory.",
        subcommands = {CheckCommand.class, EstimateCommand.class, DevicesCommand.class, RunCommand.class,
                CompareCommand.class, TrainCommand.class, EmitCommand.class, SimCommand.class, SynthCommand.class,
                LspCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit status (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // A bug of ours, not the user's: say so in one line and where to report it.
            commandLine.getErr().println("bramble: internal error: " + e
                    + " (please report this with the input that caused it)");
            return 3;
        });
        cli.setParameterExceptionHandler((e, args2) -> {
            e.getCommandLine().getErr().println("bramble: " + e.getMessage());
            e.getCommandLine().getErr().println("run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage");
            return 2;
        });
        return cli.execute(args);
    }
}
