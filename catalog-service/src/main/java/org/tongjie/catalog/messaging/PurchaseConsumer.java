package org.tongjie.catalog.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tongjie.catalog.service.Acquisitions;
import org.tongjie.catalog.service.Availability;
import org.tongjie.platform.events.EventEnvelope;
import org.tongjie.platform.inbox.InboundEvents;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Settles provisional copies from loan-service's purchase events (topic {@code circulation.purchases}): a
 * completed purchase brings its copy into the collection, on loan to its buyer (whichever of this and the copy's
 * own status event comes first); an abandoned one deletes it.
 */
@ApplicationScoped
public class PurchaseConsumer {

    static final String CONSUMER = "catalog-service.circulation-purchases";

    private final InboundEvents inbound;
    private final Availability availability;
    private final Acquisitions acquisitions;

    PurchaseConsumer(InboundEvents inbound, Availability availability, Acquisitions acquisitions) {
        this.inbound = inbound;
        this.availability = availability;
        this.acquisitions = acquisitions;
    }

    /** The fields of BookPurchased and PurchaseAbandoned this service uses. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Purchase(UUID purchaseId, String libraryCode, String bookstoreCode, UUID copyId,
            String checkoutServicePointCode, LocalDate dueDate, long copyVersion) {
    }

    @Incoming("circulation-purchases")
    @Blocking
    public void onPurchaseEvent(String json) {
        inbound.handle(CONSUMER, json, this::apply);
    }

    private void apply(EventEnvelope envelope) {
        Purchase purchase = envelope.dataAs(inbound.mapper(), Purchase.class);
        switch (envelope.eventType()) {
            case "BookPurchased" -> availability.report(purchase.copyId(), "CHECKED_OUT",
                    purchase.checkoutServicePointCode(), purchase.dueDate(), purchase.copyVersion());
            case "PurchaseAbandoned" -> acquisitions.discard(purchase.purchaseId(), purchase.libraryCode(),
                    purchase.bookstoreCode());
            default -> {
            }
        }
    }
}
