package org.tongjie.loan.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tongjie.loan.domain.LibraryNode;
import org.tongjie.loan.domain.ServicePointInfo;
import org.tongjie.loan.service.ReferenceData;
import org.tongjie.platform.events.EventEnvelope;
import org.tongjie.platform.inbox.InboundEvents;

import java.time.Clock;

/** Learns the library tree and service points from the catalog (topic {@code catalog.libraries}). */
@ApplicationScoped
public class CatalogLibraryConsumer {

    static final String CONSUMER = "loan-service.catalog-libraries";

    private final InboundEvents inbound;
    private final EntityManager em;
    private final Clock clock;
    private final ReferenceData reference;

    CatalogLibraryConsumer(InboundEvents inbound, EntityManager em, Clock clock, ReferenceData reference) {
        this.reference = reference;
        this.inbound = inbound;
        this.em = em;
        this.clock = clock;
    }

    /** The fields loan-service reads of LibraryRegistered. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LibraryRegistered(String code, String parentCode, String name, Double latitude, Double longitude) {
    }

    /** The fields loan-service reads of ServicePointOpened. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ServicePointOpened(String code, String libraryCode, String name, boolean lend, boolean acceptReturns,
            boolean holdPickup) {
    }

    @Incoming("catalog-libraries")
    @Blocking
    public void onLibraryEvent(String json) {
        inbound.handle(CONSUMER, json, this::apply);
    }

    private void apply(EventEnvelope envelope) {
        switch (envelope.eventType()) {
            case "LibraryRegistered" -> {
                LibraryRegistered e = envelope.dataAs(inbound.mapper(), LibraryRegistered.class);
                em.merge(LibraryNode.of(e.code(), e.parentCode(), e.name(), e.latitude(), e.longitude(),
                        clock.instant()));
                reference.changed();
            }
            case "ServicePointOpened" -> {
                ServicePointOpened e = envelope.dataAs(inbound.mapper(), ServicePointOpened.class);
                em.merge(ServicePointInfo.of(e.code(), e.libraryCode(), e.name(), e.lend(), e.acceptReturns(),
                        e.holdPickup(), clock.instant()));
                reference.changed();
            }
            default -> {
                // Other library events do not concern circulation.
            }
        }
    }
}
