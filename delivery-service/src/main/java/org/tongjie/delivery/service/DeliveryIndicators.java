package org.tongjie.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.tongjie.delivery.domain.DeliveryOrder;
import org.tongjie.delivery.domain.Shipment;
import org.tongjie.delivery.domain.ShipmentStatus;
import org.tongjie.delivery.domain.Transfer;
import org.tongjie.platform.indicators.Indicators;

import java.time.Duration;
import java.time.Instant;

/**
 * What delivery counts for the network's indicators: orders, deliveries with the books they carried and the time
 * from order to door, failed deliveries, transfers between libraries with their transit time, return pickups.
 */
@ApplicationScoped
public class DeliveryIndicators {

    public static final String ORDERS_PLACED = "deliveryOrders.placed";
    public static final String ORDERS_CANCELLED = "deliveryOrders.cancelled";
    public static final String DELIVERIES = "deliveries";
    public static final String DELIVERED_ITEMS = "deliveries.items";
    public static final String ORDER_TO_DOOR = "deliveries.orderToDoor";
    public static final String DELIVERIES_FAILED = "deliveries.returnedToLibrary";
    public static final String TRANSFERS_REQUESTED = "transfers.requested";
    public static final String TRANSFERS_DISPATCHED = "transfers.dispatched";
    public static final String TRANSFERS_RECEIVED = "transfers.received";
    public static final String TRANSIT_TIME = "transfers.transitTime";
    public static final String RETURN_PICKUPS = "returnPickups.received";

    private final Indicators indicators;
    private final EntityManager em;

    DeliveryIndicators(Indicators indicators, EntityManager em) {
        this.indicators = indicators;
        this.em = em;
    }

    public void orderPlaced(DeliveryOrder order) {
        indicators.count(order.libraryCode(), ORDERS_PLACED, order.placedAt());
    }

    public void orderCancelled(DeliveryOrder order, Instant at) {
        indicators.count(order.libraryCode(), ORDERS_CANCELLED, at);
    }

    /** A shipment reached a new status; delivered ones count with their books and time since the order. */
    public void shipmentMoved(Shipment shipment, int items, Instant at) {
        if (shipment.status() == ShipmentStatus.DELIVERED) {
            indicators.count(shipment.sourceLibrary(), DELIVERIES, at);
            indicators.count(shipment.sourceLibrary(), null, DELIVERED_ITEMS, at, items);
            DeliveryOrder order = em.find(DeliveryOrder.class, shipment.orderId());
            if (order != null) {
                indicators.duration(shipment.sourceLibrary(), ORDER_TO_DOOR, at,
                        Duration.between(order.placedAt(), at));
            }
        } else if (shipment.status() == ShipmentStatus.RETURNED_TO_LIBRARY) {
            indicators.count(shipment.sourceLibrary(), DELIVERIES_FAILED, at);
        }
    }

    public void transferRequested(Transfer transfer) {
        indicators.count(transfer.fromLibrary(), TRANSFERS_REQUESTED, transfer.requestedAt());
    }

    public void transferDispatched(Transfer transfer, Instant at) {
        indicators.count(transfer.fromLibrary(), TRANSFERS_DISPATCHED, at);
    }

    /** Counted at the receiving library; transit from dispatch (or from the request, if never dispatched). */
    public void transferReceived(Transfer transfer, Instant at) {
        String library = transfer.toLibrary() != null ? transfer.toLibrary() : transfer.fromLibrary();
        indicators.count(library, TRANSFERS_RECEIVED, at);
        Instant left = transfer.dispatchedAt() != null ? transfer.dispatchedAt() : transfer.requestedAt();
        indicators.duration(library, TRANSIT_TIME, at, Duration.between(left, at));
    }

    public void returnPickupReceived(String library, Instant at) {
        indicators.count(library, RETURN_PICKUPS, at);
    }
}
