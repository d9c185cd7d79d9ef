package dev.bramble.cli;

import picocli.CommandLine.Option;

/** {@code --format text|json}, the same on every command that prints a result (a picocli mixin). */
final class FormatOption {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    OutputFormat format;

    boolean json() {
        return format == OutputFormat.json;
    }
}
