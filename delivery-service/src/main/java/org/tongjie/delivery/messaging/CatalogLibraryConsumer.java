package org.tongjie.delivery.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tongjie.delivery.service.DeliveryPoints;
import org.tongjie.platform.events.EventEnvelope;
import org.tongjie.platform.inbox.InboundEvents;

/** Learns the network's service points from the catalog (topic {@code catalog.libraries}). */
@ApplicationScoped
public class CatalogLibraryConsumer {

    static final String CONSUMER = "delivery-service.catalog-libraries";

    private final InboundEvents inbound;
    private final DeliveryPoints points;

    CatalogLibraryConsumer(InboundEvents inbound, DeliveryPoints points) {
        this.inbound = inbound;
        this.points = points;
    }

    @Incoming("catalog-libraries")
    @Blocking
    public void onLibraryEvent(String json) {
        inbound.handle(CONSUMER, json, this::apply);
    }

    /** The fields delivery-service reads of LibraryRegistered. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record LibraryRegistered(String code, String parentCode, String name, String regionCode) {
    }

    private void apply(EventEnvelope envelope) {
        if ("LibraryRegistered".equals(envelope.eventType())) {
            LibraryRegistered e = envelope.dataAs(inbound.mapper(), LibraryRegistered.class);
            points.recordLibrary(e.code(), e.parentCode(), e.name(), e.regionCode());
        }
        if ("ServicePointOpened".equals(envelope.eventType())) {
            ServicePointOpened event = envelope.dataAs(inbound.mapper(), ServicePointOpened.class);
            points.record(event.code(), event.libraryCode(), event.name(), event.type(), event.holdPickup(),
                    event.deliveryHub());
        }
    }
}
