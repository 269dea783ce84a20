package org.tongjie.loan.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.tongjie.loan.domain.CirculationCopy;
import org.tongjie.loan.service.CopyProjection;
import org.tongjie.platform.events.EventEnvelope;
import org.tongjie.platform.inbox.InboundEvents;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Keeps the copy projection in step with the catalog (topic {@code catalog.copies}). */
@ApplicationScoped
public class CatalogCopyConsumer {

    static final String CONSUMER = "loan-service.catalog-copies";
    private static final Logger LOG = Logger.getLogger(CatalogCopyConsumer.class);
    private static final Set<String> COPY_EVENTS = Set.of("CopyRegistered", "CopyUpdated", "CopyWithdrawn");

    private final InboundEvents inbound;
    private final CopyProjection projection;
    private final Emitter<String> deadLetters;

    CatalogCopyConsumer(InboundEvents inbound, CopyProjection projection,
            @Channel("loan-dead-letters") Emitter<String> deadLetters) {
        this.inbound = inbound;
        this.projection = projection;
        this.deadLetters = deadLetters;
    }

    /**
     * One poll's events at a time, in one transaction: a district system's holdings sync registers thousands of
     * copies in seconds, and a transaction per copy kept loan-service the busiest process of the sync.
     */
    @Incoming("catalog-copies")
    @Blocking
    public void onCatalogCopyEvents(List<String> jsons) {
        inbound.handleBatchTogether(CONSUMER, jsons, this::apply, json -> deadLetters.send(json)
                .toCompletableFuture().join());
    }

    /** The poll's copies are looked up with one statement, then its events applied in order. */
    private void apply(List<EventEnvelope> envelopes) {
        List<CopyRegistered> events = new ArrayList<>(envelopes.size());
        Set<UUID> ids = new HashSet<>();
        for (EventEnvelope envelope : envelopes) {
            CopyRegistered event = COPY_EVENTS.contains(envelope.eventType())
                    ? envelope.dataAs(inbound.mapper(), CopyRegistered.class) : null;
            events.add(event);
            if (event != null && event.copyId() != null) {
                ids.add(event.copyId());
            }
        }
        Map<UUID, CirculationCopy> known = projection.known(ids);
        for (int i = 0; i < envelopes.size(); i++) {
            CopyRegistered event = events.get(i);
            switch (envelopes.get(i).eventType()) {
                case "CopyRegistered", "CopyUpdated" -> projection.register(new CirculationCopy.CatalogFacts(
                        event.copyId(), event.barcode(), event.recordId(), event.title(), event.libraryCode(),
                        event.homeServicePointCode(), event.loanType(), event.version()), known);
                case "CopyWithdrawn" -> projection.withdraw(event.copyId(), event.version(), known);
                default -> LOG.debugf("Ignoring %s on catalog.copies", envelopes.get(i).eventType());
            }
        }
    }
}
