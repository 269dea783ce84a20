package org.tongjie.delivery.events;

import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.Topics;

import java.util.UUID;

/** The reader cancelled an order before hand-over (topic {@code delivery.orders}); nothing stays promised. */
public record DeliveryOrderCancelled(UUID orderId, String cardNumber) implements DomainEvent {

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
