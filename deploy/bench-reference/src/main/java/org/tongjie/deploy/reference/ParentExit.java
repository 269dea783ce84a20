package org.tongjie.deploy.reference;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Stops the reference service when the benchmark that started it ({@code tongjie.parent-pid}, set by the
 * launcher) is gone, even when the benchmark was killed without a chance to stop it. The services' watchdog lives in
 * platform, which this service leaves out to stay bare (its outbox relay, consumers and filters would be measured).
 */
@ApplicationScoped
class ParentExit {

    void watch(@Observes StartupEvent event, @ConfigProperty(name = "tongjie.parent-pid") Optional<Long> parentPid) {
        parentPid.ifPresent(pid -> ProcessHandle.of(pid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> Quarkus.asyncExit(0)), () -> Quarkus.asyncExit(0)));
    }
}
