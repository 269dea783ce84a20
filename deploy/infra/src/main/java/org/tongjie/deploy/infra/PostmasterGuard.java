package org.tongjie.deploy.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Stops a run's PostgreSQL when the process that started it dies without closing it ({@code kill -9}, a crash):
 * the postmaster runs detached and would otherwise keep its port, memory and disk until the next start in the same
 * base directory reaps it ({@link StaleRuns}). A small shell loop outside the JVM watches the owner; once the owner
 * is gone it asks the postmaster named in the data directory's {@code postmaster.pid} for a fast shutdown (an
 * immediate one after 30 s) and deletes the run directory. A postmaster that stopped cleanly has removed that file,
 * so a process id used again later is never signalled.
 */
final class PostmasterGuard implements AutoCloseable {

    private static final Path SHELL = Path.of("/bin/sh");
    private static final String SCRIPT = """
            owner=$1; run=$2
            while kill -0 "$owner" 2>/dev/null; do sleep 1; done
            pid=$(head -n 1 "$run/pg/postmaster.pid" 2>/dev/null)
            case "$pid" in
                ''|*[!0-9]*) ;;
                *)  if kill -INT "$pid" 2>/dev/null; then
                        waited=0
                        while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 30 ]; do
                            sleep 1; waited=$((waited + 1))
                        done
                        kill -QUIT "$pid" 2>/dev/null
                    fi ;;
            esac
            rm -rf "$run"
            """;

    private final Process watcher;

    private PostmasterGuard(Process watcher) {
        this.watcher = watcher;
    }

    /**
     * Starts watching this process on behalf of the PostgreSQL in {@code runDirectory/pg}; empty where there is no
     * POSIX shell to do it (the reaping at the next start still applies).
     */
    static Optional<PostmasterGuard> watch(Path runDirectory) throws IOException {
        if (!Files.isExecutable(SHELL)) {
            return Optional.empty();
        }
        Process watcher = new ProcessBuilder(SHELL.toString(), "-c", SCRIPT, "postmaster-guard",
                Long.toString(ProcessHandle.current().pid()), runDirectory.toAbsolutePath().toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return Optional.of(new PostmasterGuard(watcher));
    }

    /** Stops watching: the owner is about to stop PostgreSQL itself. */
    @Override
    public void close() {
        watcher.descendants().forEach(ProcessHandle::destroy);
        watcher.destroy();
    }
}
