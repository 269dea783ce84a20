package org.tongjie.delivery.events;

import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

import java.util.List;
import java.util.UUID;

/**
 * Books a courier collected from a reader arrived at a library (topic {@code delivery.returns}, keyed by
 * pickup); circulation checks each in at that service point.
 */
public record ReturnPickupReceived(UUID pickupId, String cardNumber, String servicePointCode, List<String> barcodes)
        implements DomainEvent {

    @Override
    public String topic() {
        return Topics.DELIVERY_RETURNS;
    }

    @Override
    public String aggregateType() {
        return "ReturnPickup";
    }

    @Override
    public String aggregateId() {
        return pickupId.toString();
    }
}
