package org.tongjie.delivery.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.tongjie.platform.ids.TimeOrderedIds;

import java.time.Instant;
import java.util.UUID;

/** The books of one order that leave from one library, as one parcel. */
@Entity
@Table(name = "shipment")
public class Shipment {

    @Id
    private UUID id;
    @Column(name = "order_id")
    private UUID orderId;
    @Column(name = "card_number")
    private String cardNumber;
    @Column(name = "source_library")
    private String sourceLibrary;
    @Column(name = "source_service_point")
    private String sourceServicePoint;
    @Column(name = "delivery_point_code")
    private String deliveryPointCode;
    @Enumerated(EnumType.STRING)
    private ShipmentStatus status;
    private String carrier;
    @Column(name = "tracking_number")
    private String trackingNumber;
    @Column(name = "failed_attempts")
    private int failedAttempts;
    @Column(name = "pickup_code")
    private String pickupCode;
    @Column(name = "pickup_deadline")
    private Instant pickupDeadline;
    @Column(name = "estimated_delivery")
    private Instant estimatedDelivery;
    @Column(name = "status_since")
    private Instant statusSince;
    @Column(name = "status_occurred_at")
    private Instant statusOccurredAt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Version
    private long version;

    protected Shipment() {
    }

    public static Shipment picking(DeliveryOrder order, String sourceLibrary, String sourceServicePoint, Instant now) {
        Shipment shipment = new Shipment();
        shipment.id = TimeOrderedIds.next();
        shipment.orderId = order.id();
        shipment.cardNumber = order.cardNumber();
        shipment.sourceLibrary = sourceLibrary;
        shipment.sourceServicePoint = sourceServicePoint;
        shipment.deliveryPointCode = order.deliveryPointCode();
        shipment.status = ShipmentStatus.PICKING;
        shipment.statusSince = now;
        shipment.statusOccurredAt = now;
        shipment.createdAt = now;
        return shipment;
    }

    /**
     * Whether a reported status may be applied: only forward along the journey; between a delivery attempt and
     * its failure (same rank) only when the report is newer than the status it would replace.
     */
    public boolean accepts(ShipmentStatus next, Instant occurredAt) {
        if (status.isFinal() || next == status && next != ShipmentStatus.FAILED_ATTEMPT) {
            return false;
        }
        if (next.rank() > status.rank()) {
            return true;
        }
        return next.rank() == status.rank() && occurredAt.isAfter(statusOccurredAt);
    }

    /** Moves to a status (already checked with {@link #accepts}) and keeps when it happened. */
    public void moveTo(ShipmentStatus next, Instant occurredAt, Instant now) {
        if (next == ShipmentStatus.FAILED_ATTEMPT) {
            failedAttempts++;
        }
        status = next;
        statusOccurredAt = occurredAt;
        statusSince = now;
    }

    public void handOver(String carrier, String trackingNumber, Instant now) {
        this.carrier = carrier;
        this.trackingNumber = trackingNumber;
        moveTo(ShipmentStatus.HANDED_TO_COURIER, now, now);
    }

    /** Delivered into a locker: the reader collects it with this code before the deadline. */
    public void awaitCollection(String code, Instant deadline) {
        pickupCode = code;
        pickupDeadline = deadline;
    }

    public void estimateDelivery(Instant estimate) {
        estimatedDelivery = estimate;
    }

    /** Whether the shipment's journey is over: handed to the reader at home, or a final status. */
    public boolean ended() {
        return status.isFinal() || status == ShipmentStatus.DELIVERED && !toDeliveryPoint();
    }

    public boolean toDeliveryPoint() {
        return deliveryPointCode != null;
    }

    public UUID id() {
        return id;
    }

    public UUID orderId() {
        return orderId;
    }

    public String cardNumber() {
        return cardNumber;
    }

    public String sourceLibrary() {
        return sourceLibrary;
    }

    public String sourceServicePoint() {
        return sourceServicePoint;
    }

    public String deliveryPointCode() {
        return deliveryPointCode;
    }

    public ShipmentStatus status() {
        return status;
    }

    public String carrier() {
        return carrier;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public int failedAttempts() {
        return failedAttempts;
    }

    public String pickupCode() {
        return pickupCode;
    }

    public Instant pickupDeadline() {
        return pickupDeadline;
    }

    public Instant estimatedDelivery() {
        return estimatedDelivery;
    }

    public Instant statusSince() {
        return statusSince;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
