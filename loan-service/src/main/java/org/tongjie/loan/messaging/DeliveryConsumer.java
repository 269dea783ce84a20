package org.tongjie.loan.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tongjie.loan.domain.HoldStatus;
import org.tongjie.loan.service.DeliveryFulfilment;
import org.tongjie.platform.events.EventEnvelope;
import org.tongjie.platform.inbox.InboundEvents;

import java.util.List;
import java.util.UUID;

/**
 * Follows delivery-service: new and cancelled delivery orders ({@code delivery.orders}), shipment progress
 * ({@code delivery.shipments}), transfers received ({@code delivery.transfers}) and copies couriers brought
 * back from readers ({@code delivery.returns}).
 */
@ApplicationScoped
public class DeliveryConsumer {

    static final String CONSUMER = "loan-service.delivery";

    private final InboundEvents inbound;
    private final DeliveryFulfilment fulfilment;

    DeliveryConsumer(InboundEvents inbound, DeliveryFulfilment fulfilment) {
        this.inbound = inbound;
        this.fulfilment = fulfilment;
    }

    /** The fields loan-service reads of DeliveryOrderPlaced and DeliveryOrderCancelled. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Order(UUID orderId, String cardNumber, String libraryCode, List<UUID> recordIds) {
    }

    /** The fields loan-service reads of ShipmentStatusChanged. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Shipment(UUID shipmentId, String status, String sourceServicePointCode, String deliveryPointCode,
            List<Item> items) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(UUID holdId, UUID copyId, String barcode) {
    }

    /** The fields loan-service reads of TransferReceived. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Transfer(UUID copyId, String barcode, String servicePointCode) {
    }

    /** The fields loan-service reads of ReturnPickupReceived. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Returned(List<String> barcodes, String servicePointCode) {
    }

    @Incoming("delivery-orders")
    @Blocking
    public void onOrder(String json) {
        inbound.handle(CONSUMER + "-orders", json, envelope -> {
            Order order = envelope.dataAs(inbound.mapper(), Order.class);
            switch (envelope.eventType()) {
                case "DeliveryOrderPlaced" -> fulfilment.allocate(order.orderId(), order.cardNumber(),
                        order.libraryCode(), order.recordIds() == null ? List.of() : order.recordIds());
                case "DeliveryOrderCancelled" -> fulfilment.cancelOrder(order.orderId(), order.cardNumber());
                default -> {
                    // Other order events do not concern circulation.
                }
            }
        });
    }

    @Incoming("delivery-shipments")
    @Blocking
    public void onShipment(String json) {
        inbound.handle(CONSUMER + "-shipments", json, this::applyShipment);
    }

    private void applyShipment(EventEnvelope envelope) {
        if (!"ShipmentStatusChanged".equals(envelope.eventType())) {
            return;
        }
        Shipment shipment = envelope.dataAs(inbound.mapper(), Shipment.class);
        List<UUID> holds = shipment.items() == null ? List.of()
                : shipment.items().stream().map(Item::holdId).toList();
        switch (shipment.status()) {
            case "HANDED_TO_COURIER", "IN_TRANSIT", "OUT_FOR_DELIVERY", "FAILED_ATTEMPT" ->
                    fulfilment.handedToCourier(holds);
            case "DELIVERED" -> {
                if (shipment.deliveryPointCode() == null) {
                    fulfilment.received(holds);
                } else {
                    fulfilment.handedToCourier(holds);
                }
            }
            case "COLLECTED" -> fulfilment.received(holds);
            case "RETURNED_TO_LIBRARY" -> fulfilment.cameBack(holds, shipment.sourceServicePointCode(),
                    HoldStatus.CLOSED_UNFILLED);
            case "UNCOLLECTED" -> fulfilment.cameBack(holds, shipment.deliveryPointCode(),
                    HoldStatus.CLOSED_PICKUP_EXPIRED);
            case "CANCELLED" -> fulfilment.cameBack(holds, shipment.sourceServicePointCode(),
                    HoldStatus.CLOSED_CANCELLED);
            default -> {
                // PICKING and PACKED happen on the library's own shelves; circulation already has the copies.
            }
        }
    }

    @Incoming("delivery-transfers")
    @Blocking
    public void onTransfer(String json) {
        inbound.handle(CONSUMER + "-transfers", json, envelope -> {
            if ("TransferReceived".equals(envelope.eventType())) {
                Transfer transfer = envelope.dataAs(inbound.mapper(), Transfer.class);
                fulfilment.transferReceived(transfer.copyId(), transfer.servicePointCode());
            }
        });
    }

    @Incoming("delivery-returns")
    @Blocking
    public void onReturn(String json) {
        inbound.handle(CONSUMER + "-returns", json, envelope -> {
            if ("ReturnPickupReceived".equals(envelope.eventType())) {
                Returned returned = envelope.dataAs(inbound.mapper(), Returned.class);
                fulfilment.returnsReceived(returned.barcodes(), returned.servicePointCode());
            }
        });
    }
}
