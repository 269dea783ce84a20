package org.tongjie.catalog.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tongjie.catalog.service.Availability;
import org.tongjie.platform.events.EventEnvelope;
import org.tongjie.platform.inbox.InboundEvents;

import java.util.ArrayList;
import java.util.List;

/** Keeps availability current from loan-service's circulation events (topic {@code circulation.copies}). */
@ApplicationScoped
public class CirculationCopyConsumer {

    static final String CONSUMER = "catalog-service.circulation-copies";

    private final InboundEvents inbound;
    private final Availability availability;
    private final Emitter<String> deadLetters;

    CirculationCopyConsumer(InboundEvents inbound, Availability availability,
            @Channel("catalog-dead-letters") Emitter<String> deadLetters) {
        this.inbound = inbound;
        this.availability = availability;
        this.deadLetters = deadLetters;
    }

    /**
     * One poll's events at a time, in one transaction: a busy circulation network sends thousands a second, and
     * a transaction per event would leave availability seconds behind.
     */
    @Incoming("circulation-copies")
    @Blocking
    public void onCirculationEvents(List<String> jsons) {
        inbound.handleBatchTogether(CONSUMER, jsons, this::apply, json -> deadLetters.send(json)
                .toCompletableFuture().join());
    }

    /** The poll's status changes in one round trip (see {@link Availability#reportAll}). */
    private void apply(List<EventEnvelope> envelopes) {
        List<Availability.Report> reports = new ArrayList<>(envelopes.size());
        for (EventEnvelope envelope : envelopes) {
            if ("CopyStatusChanged".equals(envelope.eventType())) {
                CopyStatusChanged event = envelope.dataAs(inbound.mapper(), CopyStatusChanged.class);
                reports.add(new Availability.Report(event.copyId(), event.status(), event.servicePointCode(),
                        event.dueDate(), event.version()));
            }
        }
        if (!reports.isEmpty()) {
            availability.reportAll(reports);
        }
    }
}
