package dev.bramble.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bramble} command line: one subcommand per job, the same services the editor uses. */
@Command(name = "bramble", mixinStandardHelpOptions = true, version = "bramble 0.1.0",
        description = "Language tools and hardware generator for tiny neural networks in FPGA on-chip memory.",
        subcommands = {CheckCommand.class, EstimateCommand.class, DevicesCommand.class, BoardsCommand.class, BuildCommand.class, TalkCommand.class, RunCommand.class,
                CompareCommand.class, TrainCommand.class, ImportCommand.class, EmitCommand.class, SimCommand.class, SynthCommand.class,
                LspCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** Exit status for a failure of Bramble itself (a bug), as opposed to 1 (errors found) and 2 (bad input). */
    public static final int INTERNAL_ERROR = 3;

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // picocli's handler sees only exceptions; errors land here. One line, never a stack trace.
            System.err.println("bramble: internal error: " + describe(e) + " (please report this with the input that caused it)");
            status = INTERNAL_ERROR;
        }
        System.exit(status);
    }

    static String describe(Throwable e) {
        if (e instanceof StackOverflowError) return "the input is nested too deeply for the analysis (stack overflow)";
        if (e instanceof OutOfMemoryError) return "out of memory";
        String message = e.getMessage();
        if (message != null) {
            int nl = message.indexOf('\n');
            if (nl >= 0) message = message.substring(0, nl);
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Runs a command line and returns its exit status (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // A bug of ours, not the user's: say so in one line and where to report it.
            commandLine.getErr().println("bramble: internal error: " + describe(e)
                    + " (please report this with the input that caused it)");
            return INTERNAL_ERROR;
        });
        cli.setParameterExceptionHandler((e, args2) -> {
            e.getCommandLine().getErr().println("bramble: " + e.getMessage());
            e.getCommandLine().getErr().println("run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage");
            return 2;
        });
        try {
            return cli.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            cli.getErr().println("bramble: internal error: " + describe(e) + " (please report this with the input that caused it)");
            cli.getErr().flush();
            return INTERNAL_ERROR;
        }
    }
}
