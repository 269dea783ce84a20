package org.tongjie.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.delivery.config.DeliveryConfig;
import org.tongjie.platform.problem.ProblemException;

import java.util.Optional;
import java.util.TreeSet;

/** The couriers this network works with, as configured, each with its webhook secret. */
@ApplicationScoped
public class Carriers {

    private final DeliveryConfig config;

    Carriers(DeliveryConfig config) {
        this.config = config;
    }

    /** Refuses (422 naming the field) a carrier the network does not work with. */
    public void requireKnown(String carrier) {
        if (!config.carriers().containsKey(carrier)) {
            throw ProblemException.invalidField("CARRIER_UNKNOWN", "carrier", "No carrier " + carrier
                    + "; known: " + new TreeSet<>(config.carriers().keySet()));
        }
    }

    /** The shared secret a carrier signs its webhook calls with. */
    public Optional<String> secretOf(String carrier) {
        return Optional.ofNullable(config.carriers().get(carrier)).map(DeliveryConfig.Carrier::secret);
    }
}
