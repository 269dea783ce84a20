package org.tongjie.delivery.events;

import org.tongjie.delivery.domain.DeliveryOrder;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

import java.util.List;
import java.util.UUID;

/**
 * A reader ordered records for home delivery (topic {@code delivery.orders}, keyed by order); circulation answers
 * with DeliveryOrderAllocated.
 */
public record DeliveryOrderPlaced(UUID orderId, String cardNumber, String libraryCode, List<UUID> recordIds,
        String destination, String deliveryPointCode) implements DomainEvent {

    public static DeliveryOrderPlaced of(DeliveryOrder order, List<UUID> recordIds) {
        return new DeliveryOrderPlaced(order.id(), order.cardNumber(), order.libraryCode(), recordIds,
                order.destination(), order.deliveryPointCode());
    }

    @Override
    public String topic() {
        return Topics.DELIVERY_ORDERS;
    }

    @Override
    public String aggregateType() {
        return "DeliveryOrder";
    }

    @Override
    public String aggregateId() {
        return orderId.toString();
    }
}
