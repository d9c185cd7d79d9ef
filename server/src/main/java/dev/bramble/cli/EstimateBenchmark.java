package dev.bramble.cli;

import dev.bramble.device.Device;
import dev.bramble.estimate.BudgetCheck;
import dev.bramble.estimate.Estimator;
import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Target;
import dev.bramble.plan.Planner;
import dev.bramble.project.DesignChecks;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code bramble estimate FILE --benchmark N}: times what the editor does per keystroke, after
 * warm-up, in this JVM: (1) plan + estimate, (2) plan + estimate + budget diagnostics, and
 * (3) the whole keystroke: analyze the text, then the check pipeline (estimates and budget). Prints median and p99.
 */
final class EstimateBenchmark {
    private EstimateBenchmark() {}

    static void run(String sourceName, String text, Model model, Target target, Device device, int iterations, PrintWriter out) {
        long sink = 0;
        // Warm-up: let the JIT compile the hot paths before measuring.
        for (int i = 0; i < Math.max(2000, iterations / 2); i++) {
            sink += Estimator.estimate(Planner.plan(model, target, device)).bram();
            sink += BudgetCheck.check(model, target).size();
            sink += DesignChecks.costs(Bramble.analyze(sourceName, text), () -> {}).diagnostics().size();
        }
        long[] estimate = new long[iterations];
        long[] budget = new long[iterations];
        long[] keystroke = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            sink += Estimator.estimate(Planner.plan(model, target, device)).bram();
            long t1 = System.nanoTime();
            sink += BudgetCheck.check(model, target).size();
            long t2 = System.nanoTime();
            Design d = Bramble.analyze(sourceName, text);
            sink += DesignChecks.costs(d, () -> {}).diagnostics().size();
            long t3 = System.nanoTime();
            estimate[i] = t1 - t0;
            budget[i] = t2 - t1;
            keystroke[i] = t3 - t2;
        }
        out.println(String.format(Locale.ROOT, "benchmark: %d iterations after warm-up (java %s, %d cpus)",
                iterations, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
        out.println(line("plan + estimate", estimate));
        out.println(line("plan + estimate + budget check", budget));
        out.println(line("analyze + checks (keystroke)", keystroke));
        if (sink == 42) out.println(); // keeps the work observable to the JIT
    }

    private static String line(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "  %-36s median %8.1f µs   p99 %8.1f µs", what,
                s[s.length / 2] / 1e3, s[Math.min(s.length - 1, (int) (s.length * 0.99))] / 1e3);
    }
}
