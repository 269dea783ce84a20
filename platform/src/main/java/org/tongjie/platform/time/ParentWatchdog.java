package org.tongjie.platform.time;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops this service when the process named by {@code tongjie.parent-pid} is gone, so a service started by
 * the local cluster launcher never outlives it, even when the launcher is killed without a chance to clean up.
 */
@ApplicationScoped
public class ParentWatchdog {

    private static final Logger LOG = Logger.getLogger(ParentWatchdog.class);

    void watch(@Observes StartupEvent event, @ConfigProperty(name = "tongjie.parent-pid") Optional<Long> parentPid) {
        parentPid.flatMap(ProcessHandle::of).ifPresent(parent -> {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "parent-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(() -> {
                if (!parent.isAlive()) {
                    LOG.warnf("Parent process %d is gone; stopping", parent.pid());
                    timer.shutdown();
                    Quarkus.asyncExit(0);
                }
            }, 2, 2, TimeUnit.SECONDS);
        });
    }
}
