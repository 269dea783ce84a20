package org.tongjie.delivery.events;

import org.tongjie.delivery.domain.Shipment;
import org.tongjie.delivery.domain.ShipmentItem;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A shipment moved (topic {@code delivery.shipments}, keyed by shipment). Circulation starts the loans on
 * DELIVERED to a home address or COLLECTED from a locker, and takes the copies back on RETURNED_TO_LIBRARY,
 * UNCOLLECTED or CANCELLED.
 */
public record ShipmentStatusChanged(UUID shipmentId, UUID orderId, String cardNumber, String status,
        String sourceServicePointCode, String deliveryPointCode, String carrier, String trackingNumber,
        Instant occurredAt, List<Item> items, long version) implements DomainEvent {

    /** A copy in the shipment and the hold it fills. */
    public record Item(UUID holdId, UUID copyId, String barcode) {
    }

    public static ShipmentStatusChanged of(Shipment shipment, List<ShipmentItem> items, Instant occurredAt) {
        return new ShipmentStatusChanged(shipment.id(), shipment.orderId(), shipment.cardNumber(),
                shipment.status().name(), shipment.sourceServicePoint(), shipment.deliveryPointCode(),
                shipment.carrier(), shipment.trackingNumber(), occurredAt,
                items.stream().map(i -> new Item(i.holdId(), i.copyId(), i.barcode())).toList(), shipment.version());
    }

    @Override
    public String topic() {
        return Topics.DELIVERY_SHIPMENTS;
    }

    @Override
    public String aggregateType() {
        return "Shipment";
    }

    @Override
    public String aggregateId() {
        return shipmentId.toString();
    }
}
