package org.tongjie.platform.time;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops this service when the process named by {@code tongjie.parent-pid} is gone, so a service started by
 * the local cluster launcher never outlives it, even when the launcher is killed without a chance to clean up.
 * A parent already gone when the service has started stops it at once. Shutdown may hang once the parent took
 * Kafka and PostgreSQL with it; if the JVM still runs {@link #SHUTDOWN_GRACE} after the parent went, whether
 * the watchdog or the parent began the shutdown, the watchdog halts it.
 */
@ApplicationScoped
public class ParentWatchdog {

    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(45);

    private static final Logger LOG = Logger.getLogger(ParentWatchdog.class);

    void watch(@Observes StartupEvent event, @ConfigProperty(name = "tongjie.parent-pid") Optional<Long> parentPid) {
        if (parentPid.isEmpty()) {
            return;
        }
        long pid = parentPid.get();
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        Watch watch = new Watch(SHUTDOWN_GRACE.toNanos());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "parent-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            switch (watch.next(parent.map(ProcessHandle::isAlive).orElse(false), System.nanoTime())) {
                case EXIT -> {
                    LOG.warnf("Parent process %d is gone; stopping", pid);
                    Quarkus.asyncExit(0);
                }
                case HALT -> {
                    LOG.errorf("Parent process %d is gone and shutdown has not finished within %d s; halting", pid,
                            SHUTDOWN_GRACE.toSeconds());
                    Runtime.getRuntime().halt(1);
                }
                case WAIT -> {
                    // The parent is alive, or shutdown is under way.
                }
            }
        }, 0, 2, TimeUnit.SECONDS);
    }

    /** What the watchdog does at one look at its parent. */
    enum Action { WAIT, EXIT, HALT }

    /** The watchdog's memory between looks: when it first found the parent gone. Not thread-safe; one timer. */
    static final class Watch {

        private final long graceNanos;
        private boolean gone;
        private long goneAtNanos;

        Watch(long graceNanos) {
            this.graceNanos = graceNanos;
        }

        Action next(boolean parentAlive, long nowNanos) {
            if (!gone) {
                if (parentAlive) {
                    return Action.WAIT;
                }
                gone = true;
                goneAtNanos = nowNanos;
                return Action.EXIT;
            }
            return nowNanos - goneAtNanos >= graceNanos ? Action.HALT : Action.WAIT;
        }
    }
}
