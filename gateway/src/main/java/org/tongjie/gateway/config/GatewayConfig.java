package org.tongjie.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Where the services are, and how the gateway talks to them and issues tokens. */
@ConfigMapping(prefix = "tongjie.gateway")
public interface GatewayConfig {

    /** Base URL of each service by name: catalog, loan, delivery. */
    Map<String, URI> services();

    /** Longest silence allowed from a service before the gateway answers 504. */
    @WithDefault("PT10S")
    Duration upstreamTimeout();

    /** The same for bulk requests (holdings sync of up to 1,000 records), which take longer. */
    @WithDefault("PT120S")
    Duration bulkTimeout();

    /** Lifetime of access tokens. */
    @WithDefault("PT15M")
    Duration tokenLifetime();

    /** Lifetime of refresh tokens given to staff (a working day, so a desk signs in once a shift). */
    @WithDefault("PT12H")
    Duration staffRefreshLifetime();

    /** Lifetime of refresh tokens given to readers' apps. */
    @WithDefault("P30D")
    Duration patronRefreshLifetime();

    /** Wrong passwords in a row that lock a staff account, and for how long. */
    @WithDefault("5")
    int staffLockoutAttempts();

    @WithDefault("PT15M")
    Duration staffLockoutDuration();

    /** How long {@code GET /me} waits for each service before leaving its part out. */
    @WithDefault("PT2S")
    Duration composeTimeout();

    /** Request quotas per caller. */
    Quotas quotas();

    /** Token buckets: each caller may make {@code burst} requests at once, refilled at {@code per-second}. */
    interface Quotas {
        /** Off only for benchmarks that measure the services rather than the quotas. */
        @WithDefault("true")
        boolean enabled();

        /** Callers without a token, per IP address. */
        @WithDefault("50")
        long anonymousPerSecond();

        @WithDefault("100")
        long anonymousBurst();

        /** Readers, per card. */
        @WithDefault("20")
        long patronPerSecond();

        @WithDefault("60")
        long patronBurst();

        /** Staff, per account. */
        @WithDefault("100")
        long staffPerSecond();

        @WithDefault("300")
        long staffBurst();

        /** District library systems and bookstores, per client. */
        @WithDefault("500")
        long systemPerSecond();

        @WithDefault("1000")
        long systemBurst();

        /** Token requests per IP address and minute: sign-in is where guessing happens. */
        @WithDefault("60")
        long signInPerMinute();
    }

    /** A network administrator created at start when no account of that name exists (first start). */
    Optional<BootstrapAdmin> bootstrapAdmin();

    /** Credentials of the first administrator. */
    interface BootstrapAdmin {
        String username();

        String password();
    }
}
