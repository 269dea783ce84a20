package org.tongjie.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Tuning of the outbox relay. */
@ConfigMapping(prefix = "tongjie.outbox")
public interface OutboxConfig {

    /** Whether this instance runs a relay; several replicas may run one each. */
    @WithDefault("true")
    boolean relayEnabled();

    /** Most events locked and published in one relay transaction. */
    @WithDefault("500")
    int batchSize();

    /**
     * The least time from the start of one round to the start of the next while commits keep waking the relay, so
     * that under load events gather into fewer, larger rounds (fewer statements, broker requests and consumer
     * polls down the line). An event committed after a quiet spell is claimed at once.
     */
    @WithDefault("PT0.005S")
    Duration linger();

    /** How long the relay sleeps when nothing is waiting and no commit woke it. */
    @WithDefault("PT0.5S")
    Duration pollInterval();

    /** Longest pause between attempts while the broker or database is unreachable. */
    @WithDefault("PT10S")
    Duration maxBackoff();

    /** How long published events are kept for inspection before they are deleted. */
    @WithDefault("P3D")
    Duration retention();

    /** How long one publish may wait for the broker's acknowledgement. */
    @WithDefault("PT15S")
    Duration sendTimeout();
}
