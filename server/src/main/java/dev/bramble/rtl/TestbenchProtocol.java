package dev.bramble.rtl;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines an emitted testbench prints, both sides: the Verilog that writes them
 * ({@link TestbenchWriter} calls the {@code display…} methods) and the parser that reads them
 * back ({@link #parse}). One line per event, space-separated integers after a keyword:
 *
 * <pre>
 * OP     sample position op start     op {@code op} began {@code start} cycles after the step's handshake
 * STEP   sample position fed chosen cycles
 * LOGITS sample position z0 z1 …
 * END    cycle
 * ERROR  message
 * </pre>
 */
public final class TestbenchProtocol {
    private TestbenchProtocol() {}

    public record OpStart(int sample, int position, int op, long start) {}

    public record StepLine(int sample, int position, int fed, int chosen, long cycles) {}

    public record LogitsLine(int sample, int position, long[] logits) {}

    /** Everything one run printed, in order of appearance per kind. */
    public record Transcript(List<OpStart> ops, List<StepLine> steps, List<LogitsLine> logits, long endCycle, String error) {}

    /** Verilog statement printing an op start; the arguments are Verilog expressions. */
    static String displayOp(String sample, String position, String op, String start) {
        return "$display(\"OP %0d %0d %0d %0d\", " + sample + ", " + position + ", " + op + ", " + start + ");";
    }

    static String displayStep(String sample, String position, String fed, String chosen, String cycles) {
        return "$display(\"STEP %0d %0d %0d %0d %0d\", " + sample + ", " + position + ", " + fed + ", " + chosen + ", " + cycles + ");";
    }

    /** Starts a LOGITS line; the writer then adds one {@link #writeLogit} per value and {@link #END_LINE}. */
    static String writeLogitsHead(String sample, String position) {
        return "$write(\"LOGITS %0d %0d\", " + sample + ", " + position + ");";
    }

    static String writeLogit(String value) {
        return "$write(\" %0d\", " + value + ");";
    }

    static final String END_LINE = "$write(\"\\n\");";

    static String displayEnd(String cycle) {
        return "$display(\"END %0d\", " + cycle + ");";
    }

    /** The ERROR line; {@code format} is a $display format string with its arguments after it. */
    static String displayError(String format, String... args) {
        return "$display(\"ERROR " + format + "\"" + (args.length == 0 ? "" : ", " + String.join(", ", args)) + ");";
    }

    /** Reads a run's output; lines of other kinds (simulator chatter) are ignored. */
    public static Transcript parse(List<String> lines) {
        List<OpStart> ops = new ArrayList<>();
        List<StepLine> steps = new ArrayList<>();
        List<LogitsLine> logits = new ArrayList<>();
        long end = -1;
        String error = null;
        for (String line : lines) {
            if (line.startsWith("ERROR")) {
                if (error == null) error = line.substring(5).strip();
                continue;
            }
            String[] f = line.strip().split("\\s+");
            try {
                parseLine(f, ops, steps, logits);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                // an x or z where a number belongs: the RTL read a signal nothing had set
                if (error == null) error = "the simulation printed an unknown value (x or z) where a number belongs: '"
                        + line.strip() + "'. The emitted RTL reads a signal that was never set: a bug in Bramble; please report it with the design";
            }
            if (f[0].equals("END") && f.length > 1 && f[1].matches("\\d+")) end = Long.parseLong(f[1]);
        }
        return new Transcript(ops, steps, logits, end, error);
    }

    private static void parseLine(String[] f, List<OpStart> ops, List<StepLine> steps, List<LogitsLine> logits) {
        switch (f[0]) {
            case "OP" -> ops.add(new OpStart(i(f[1]), i(f[2]), i(f[3]), Long.parseLong(f[4])));
            case "STEP" -> steps.add(new StepLine(i(f[1]), i(f[2]), i(f[3]), i(f[4]), Long.parseLong(f[5])));
            case "LOGITS" -> {
                long[] z = new long[f.length - 3];
                for (int k = 0; k < z.length; k++) z[k] = Long.parseLong(f[3 + k]);
                logits.add(new LogitsLine(i(f[1]), i(f[2]), z));
            }
            default -> { }
        }
    }

    private static int i(String s) {
        return Integer.parseInt(s);
    }
}
