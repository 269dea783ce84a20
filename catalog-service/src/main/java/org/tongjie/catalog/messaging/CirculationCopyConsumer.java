package org.tongjie.catalog.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tongjie.catalog.service.Availability;
import org.tongjie.platform.events.EventEnvelope;
import org.tongjie.platform.inbox.InboundEvents;

/** Keeps availability current from loan-service's circulation events (topic {@code circulation.copies}). */
@ApplicationScoped
public class CirculationCopyConsumer {

    static final String CONSUMER = "catalog-service.circulation-copies";

    private final InboundEvents inbound;
    private final Availability availability;

    CirculationCopyConsumer(InboundEvents inbound, Availability availability) {
        this.inbound = inbound;
        this.availability = availability;
    }

    @Incoming("circulation-copies")
    @Blocking
    public void onCirculationEvent(String json) {
        inbound.handle(CONSUMER, json, this::apply);
    }

    private void apply(EventEnvelope envelope) {
        if ("CopyStatusChanged".equals(envelope.eventType())) {
            CopyStatusChanged event = envelope.dataAs(inbound.mapper(), CopyStatusChanged.class);
            availability.report(event.copyId(), event.status(), event.servicePointCode(), event.dueDate(),
                    event.version());
        }
    }
}
