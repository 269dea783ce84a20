package org.tongjie.delivery.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tongjie.delivery.domain.Shipment;
import org.tongjie.delivery.domain.ShipmentItem;
import org.tongjie.delivery.domain.TrackingEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A shipment with its copies and tracking timeline. */
@Schema(name = "Shipment")
public record ShipmentResponse(UUID id, UUID orderId, String status, String sourceLibrary,
        String sourceServicePoint, String deliveryPointCode, String carrier, String trackingNumber,
        int failedAttempts, @Schema(description = "Locker pickup code, shown to the reader only") String pickupCode,
        Instant pickupDeadline, Instant estimatedDelivery, Instant statusSince,
        @Schema(description = "In one status longer than its service level") boolean stuck, List<Item> items,
        List<Step> timeline) {

    @Schema(name = "ShipmentItem")
    public record Item(String barcode, String title, UUID holdId) {
    }

    /** One step of the timeline; applied=false marks a report that arrived too late to move the shipment. */
    @Schema(name = "TrackingStep")
    public record Step(String status, Instant occurredAt, String location, String source, boolean applied) {
    }

    public static ShipmentResponse from(Shipment s, List<ShipmentItem> items, List<TrackingEvent> timeline,
            boolean stuck, boolean showPickupCode) {
        return new ShipmentResponse(s.id(), s.orderId(), s.status().name(), s.sourceLibrary(), s.sourceServicePoint(),
                s.deliveryPointCode(), s.carrier(), s.trackingNumber(), s.failedAttempts(),
                showPickupCode ? s.pickupCode() : null, s.pickupDeadline(), s.estimatedDelivery(), s.statusSince(),
                stuck, items.stream().map(i -> new Item(i.barcode(), i.title(), i.holdId())).toList(),
                timeline.stream().map(t -> new Step(t.status().name(), t.occurredAt(), t.location(), t.source(),
                        t.applied())).toList());
    }
}
