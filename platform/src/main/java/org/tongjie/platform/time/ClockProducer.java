package org.tongjie.platform.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The system UTC clock, unless a service or test supplies its own {@link Clock} bean. {@code tongjie.clock.shift}
 * (e.g. {@code P20D}) runs the service that far ahead — for demonstrating and testing due dates, fines and
 * expiries end to end; never set it in production.
 */
@ApplicationScoped
public class ClockProducer {

    private static final Logger LOG = Logger.getLogger(ClockProducer.class);

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock(@ConfigProperty(name = "tongjie.clock.shift") Optional<Duration> shift) {
        if (shift.isPresent() && !shift.get().isZero()) {
            LOG.warnf("The clock runs %s ahead of real time (tongjie.clock.shift): for demonstrations and tests only",
                    shift.get());
            return Clock.offset(Clock.systemUTC(), shift.get());
        }
        return Clock.systemUTC();
    }
}
