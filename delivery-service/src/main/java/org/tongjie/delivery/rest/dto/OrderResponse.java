package org.tongjie.delivery.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.delivery.domain.DeliveryOrder;
import org.tongjie.delivery.domain.OrderLine;
import org.tongjie.delivery.domain.Shipment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A delivery order with what was found for each record and its shipments. */
@Schema(name = "DeliveryOrder")
public record OrderResponse(UUID id, String cardNumber, String libraryCode, String status, String destination,
        String deliveryPointCode, String recipient, String regionCode, String addressLine,
        @Schema(description = "Fee quoted when placed (fen)") int quotedFeeFen,
        @Schema(description = "Fee for the books actually sent (fen)") int feeFen, Instant placedAt,
        Instant statusSince, List<Line> lines, List<ShipmentSummary> shipments) {

    /** One record of the order. */
    @Schema(name = "DeliveryOrderLine")
    public record Line(UUID recordId, @Schema(description = "REQUESTED, ALLOCATED or why it was dropped "
            + "(NO_COPY_AVAILABLE, LOAN_LIMIT_REACHED, PATRON_BLOCKED, DUPLICATE_HOLD)") String outcome,
            String barcode, String title, String sourceLibrary, UUID shipmentId) {
    }

    @Schema(name = "ShipmentSummary")
    public record ShipmentSummary(UUID id, String status, String sourceLibrary, String carrier,
            String trackingNumber) {
    }

    public static OrderResponse from(DeliveryOrder o, List<OrderLine> lines, List<Shipment> shipments) {
        return new OrderResponse(o.id(), o.cardNumber(), o.libraryCode(), o.status().name(), o.destination(),
                o.deliveryPointCode(), o.recipient(), o.regionCode(), o.addressLine(), o.quotedFeeFen(), o.feeFen(),
                o.placedAt(), o.statusSince(),
                lines.stream().map(l -> new Line(l.recordId(), l.outcome(), l.barcode(), l.title(), l.sourceLibrary(),
                        l.shipmentId())).toList(),
                shipments.stream().map(s -> new ShipmentSummary(s.id(), s.status().name(), s.sourceLibrary(),
                        s.carrier(), s.trackingNumber())).toList());
    }
}
