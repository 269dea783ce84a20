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

import java.util.List;

/** Keeps the copy projection in step with the catalog (topic {@code catalog.copies}). */
@ApplicationScoped
public class CatalogCopyConsumer {

    static final String CONSUMER = "loan-service.catalog-copies";
    private static final Logger LOG = Logger.getLogger(CatalogCopyConsumer.class);

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
        inbound.handleBatch(CONSUMER, jsons, this::apply, json -> deadLetters.send(json).toCompletableFuture()
                .join());
    }

    private void apply(EventEnvelope envelope) {
        switch (envelope.eventType()) {
            case "CopyRegistered", "CopyUpdated" -> {
                CopyRegistered event = envelope.dataAs(inbound.mapper(), CopyRegistered.class);
                projection.register(new CirculationCopy.CatalogFacts(event.copyId(), event.barcode(),
                        event.recordId(), event.title(), event.libraryCode(), event.homeServicePointCode(),
                        event.loanType(), event.version()));
            }
            case "CopyWithdrawn" -> {
                CopyRegistered event = envelope.dataAs(inbound.mapper(), CopyRegistered.class);
                projection.withdraw(event.copyId(), event.version());
            }
            default -> LOG.debugf("Ignoring %s on catalog.copies", envelope.eventType());
        }
    }
}
