package org.tongjie.delivery.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** Carriers, service levels and time limits of the delivery service. */
@ConfigMapping(prefix = "tongjie.delivery")
public interface DeliveryConfig {

    /** Carriers allowed to post tracking events, by name as used in the webhook path, with their shared secret. */
    Map<String, Carrier> carriers();

    /** How far a webhook's timestamp may be from now before it is refused as stale. */
    @WithDefault("PT5M")
    Duration signatureWindow();

    /** An open transfer older than this is stuck. */
    @WithDefault("P3D")
    Duration transferStuckAfter();

    /**
     * How long an order, shipment or return pickup may stay in one status (by status name) before operators
     * are shown it as stuck; statuses without an entry never are.
     */
    Map<String, Duration> sla();

    /** Where the network is: pickup deadlines end at the close of a day here. */
    @WithDefault("Asia/Shanghai")
    java.time.ZoneId zone();

    /** A carrier's shared secret for signing webhook calls. */
    interface Carrier {
        String secret();
    }
}
