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

    /** A network administrator created at start when no account of that name exists (first start). */
    Optional<BootstrapAdmin> bootstrapAdmin();

    /** Credentials of the first administrator. */
    interface BootstrapAdmin {
        String username();

        String password();
    }
}
