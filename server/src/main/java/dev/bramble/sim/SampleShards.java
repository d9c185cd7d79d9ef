package dev.bramble.sim;

import dev.bramble.rtl.TestbenchProtocol;
import dev.bramble.tools.ProcessRunner;
import dev.bramble.tools.ToolError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a simulation's samples in several simulator processes at once, a shard of consecutive
 * samples each, and merges what they print as if one process had run them all. Samples are
 * independent but for the sampler's random generator, which runs on from one sample into the
 * next: each shard's testbench is seeded so that the core's generator starts in the state the
 * reference's has at the shard's first sample. The hardware then draws what it would have drawn
 * in one long run, and a draw that differs shows as a mismatch like any other.
 */
final class SampleShards {
    private SampleShards() {}

    /** Samples {@code first .. first + count - 1}, and the plusargs that make the testbench run them. */
    record Shard(int first, int count, List<String> plusargs) {}

    /** Below this many predicted cycles a second process costs more than it saves. */
    static final long MIN_CYCLES_TO_SHARD = 20_000;

    /** How many shards: one per core, at least two samples each; one for a short or traced run. */
    static int count(int samples, long predictedCycles, boolean traced) {
        if (traced || predictedCycles < MIN_CYCLES_TO_SHARD) return 1;
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        return Math.max(1, Math.min(cores, samples / 2));
    }

    /** The first sample of each of {@code shards} near-equal shards of {@code samples}, and the end. */
    static int[] bounds(int samples, int shards) {
        int[] b = new int[shards + 1];
        for (int k = 0; k <= shards; k++) b[k] = (int) ((long) samples * k / shards);
        return b;
    }

    /**
     * The testbench seed that starts the core's generator in {@code state}: the core takes
     * {@code seed ^ 0x9E3779B9} as its state (FixedMath.seedState), so this is its inverse.
     */
    static long seedFor(int state) {
        return (state ^ 0x9E3779B9) & 0xFFFFFFFFL;
    }

    /** Runs every shard at once and merges their transcripts in sample order. */
    static TestbenchProtocol.Transcript run(Simulator.Compiled compiled, List<Shard> shards, Duration timeout) throws ToolError {
        if (shards.size() == 1) return parse(compiled.run(shards.get(0).plusargs(), timeout));
        ExecutorService pool = Executors.newFixedThreadPool(shards.size());
        try {
            List<Future<ProcessRunner.Result>> runs = new ArrayList<>();
            for (int k = 0; k < shards.size(); k++) {
                Shard s = shards.get(k);
                String logs = "-" + k;   // each process its own output files
                runs.add(pool.submit(() -> compiled.run(s.plusargs(), timeout, logs)));
            }
            List<TestbenchProtocol.OpStart> ops = new ArrayList<>();
            List<TestbenchProtocol.StepLine> steps = new ArrayList<>();
            List<TestbenchProtocol.LogitsLine> logits = new ArrayList<>();
            long end = 0;
            String error = null;
            for (int k = 0; k < shards.size(); k++) {
                TestbenchProtocol.Transcript t = parse(result(runs.get(k)));
                int offset = shards.get(k).first();
                for (var o : t.ops()) ops.add(new TestbenchProtocol.OpStart(o.sample() + offset, o.position(), o.op(), o.start()));
                for (var s : t.steps()) steps.add(new TestbenchProtocol.StepLine(s.sample() + offset, s.position(), s.fed(), s.chosen(), s.cycles()));
                for (var z : t.logits()) logits.add(new TestbenchProtocol.LogitsLine(z.sample() + offset, z.position(), z.logits()));
                end += Math.max(0, t.endCycle());
                if (error == null && t.error() != null) error = t.error();
            }
            return new TestbenchProtocol.Transcript(ops, steps, logits, end, error);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ProcessRunner.Result result(Future<ProcessRunner.Result> f) throws ToolError {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ToolError t) throw t;
            throw new ToolError("the simulator failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolError("interrupted while the simulator ran");
        }
    }

    private static TestbenchProtocol.Transcript parse(ProcessRunner.Result r) {
        return TestbenchProtocol.parse(r.stdout().lines().toList());
    }
}
