package dev.bramble.sim;

import dev.bramble.tools.ToolError;
import dev.bramble.tools.ToolLocator;
import dev.bramble.tools.ProcessRunner;
import dev.bramble.errors.UserError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Verilog simulator. Every testbench Bramble writes is a clocked module with a single input
 * {@code clk} (stimulus and reset come from registers updated on the falling edge); the driver
 * supplies the clock: a Verilog wrapper for Icarus, a C++ main for Verilator. The testbench
 * ends itself with {@code $finish}.
 */
public interface Simulator {
    String name();

    /** Compiles {@code sources} with {@code top} as the clocked testbench module, inside {@code workDir}. */
    Compiled compile(List<Path> sources, String top, Path workDir, Options options) throws UserError, ToolError;

    /** A built simulation: run it as often as needed with different plusargs. */
    interface Compiled {
        /** Runs with {@code +plusargs}; fails when the process exits badly or runs past {@code timeout}. */
        default ProcessRunner.Result run(List<String> plusargs, Duration timeout) throws ToolError {
            return run(plusargs, timeout, "");
        }

        /**
         * As {@link #run(List, Duration)}; {@code logSuffix} names this run's output logs apart
         * from other runs' in the same directory (runs at once: SampleShards).
         */
        ProcessRunner.Result run(List<String> plusargs, Duration timeout, String logSuffix) throws ToolError;

        Duration buildTime();
    }

    /**
     * {@code trace}: build with waveform support ({@code +vcd=FILE} then writes a VCD);
     * {@code parameters}: overrides of the testbench module's parameters (name → Verilog literal).
     */
    record Options(boolean trace, Duration compileTimeout, java.util.Map<String, String> parameters) {
        public Options {
            parameters = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(parameters));
        }

        public static Options defaults() {
            return new Options(false, Duration.ofMinutes(5), java.util.Map.of());
        }

        public Options withParameters(java.util.Map<String, String> p) {
            return new Options(trace, compileTimeout, p);
        }

        public Options withTrace(boolean t) {
            return new Options(t, compileTimeout, parameters);
        }
    }

    static Simulator named(String name, ToolLocator tools) throws UserError {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "iverilog", "icarus" -> new IcarusSimulator(tools);
            case "verilator" -> new VerilatorSimulator(tools);
            default -> throw new UserError("unknown simulator '" + name + "'; use icarus or verilator");
        };
    }
}
