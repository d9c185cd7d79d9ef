package dev.bramble.lsp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task for a key once the key has been quiet for a delay: each {@link #schedule} for a
 * key cancels that key's pending task. The timer thread only hands the task to {@code worker},
 * so a slow task never delays another key's timer.
 */
public final class Debouncer {
    private final ScheduledExecutorService timer;
    private final Executor worker;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    private static final class Pending {
        volatile ScheduledFuture<?> future;
    }

    public Debouncer(ScheduledExecutorService timer, Executor worker) {
        this.timer = timer;
        this.worker = worker;
    }

    public void schedule(String key, long delayMillis, Runnable task) {
        Pending entry = new Pending();
        Pending previous = pending.put(key, entry);
        cancel(previous);
        if (delayMillis <= 0) {
            pending.remove(key, entry);
            worker.execute(task);
            return;
        }
        entry.future = timer.schedule(() -> {
            pending.remove(key, entry);
            worker.execute(task);
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    public void cancel(String key) {
        cancel(pending.remove(key));
    }

    private static void cancel(Pending entry) {
        if (entry == null) return;
        ScheduledFuture<?> f = entry.future;
        if (f != null) f.cancel(false);
    }
}
