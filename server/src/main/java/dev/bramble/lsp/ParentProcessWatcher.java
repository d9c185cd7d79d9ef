package dev.bramble.lsp;

import java.util.Optional;

/**
 * Ends the server when the editor that started it is gone (LSP's {@code processId}): an editor
 * that crashes never sends {@code exit}, and a server left behind would hold files and CPU.
 */
final class ParentProcessWatcher {
    private ParentProcessWatcher() {}

    /** Calls {@code onDeath} once the process ends. A pid we cannot see (another PID namespace) is not watched. */
    static boolean watch(Integer pid, Runnable onDeath) {
        if (pid == null || pid <= 0) return false;
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            System.err.println("bramble lsp: client process " + pid + " is not visible from here; not watching it");
            return false;
        }
        handle.get().onExit().thenRun(() -> {
            System.err.println("bramble lsp: client process " + pid + " ended; exiting");
            onDeath.run();
        });
        return true;
    }
}
