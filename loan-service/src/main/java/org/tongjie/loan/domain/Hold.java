package org.tongjie.loan.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.tongjie.platform.ids.TimeOrderedIds;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/** A reader's request for any copy of a record, to be picked up at a service point. */
@Entity
@Table(name = "hold")
public class Hold {

    @Id
    private UUID id;
    @Column(name = "record_id")
    private UUID recordId;
    @Column(name = "patron_id")
    private UUID patronId;
    @Column(name = "pickup_service_point")
    private String pickupServicePoint;
    @Enumerated(EnumType.STRING)
    private HoldStatus status;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "copy_id")
    private UUID copyId;
    @Column(name = "pickup_by")
    private Instant pickupBy;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "suspended_until")
    private LocalDate suspendedUntil;
    @Column(name = "delivery_order_id")
    private UUID deliveryOrderId;
    @Version
    private long version;

    protected Hold() {
    }

    public static Hold place(UUID recordId, Patron patron, ServicePointInfo pickup, Instant now) {
        Hold hold = new Hold();
        hold.id = TimeOrderedIds.next();
        hold.recordId = recordId;
        hold.patronId = patron.id();
        hold.pickupServicePoint = pickup.code();
        hold.status = HoldStatus.OPEN_NOT_YET_FILLED;
        hold.requestedAt = now;
        return hold;
    }

    /**
     * A hold of a home-delivery order: the copy is promised at once and waits at its service point to be
     * packed and shipped; the "pickup point" is that service point, where the shipment leaves from.
     */
    public static Hold forDelivery(UUID orderId, Patron patron, CirculationCopy copy, Instant now) {
        Hold hold = new Hold();
        hold.id = TimeOrderedIds.next();
        hold.recordId = copy.recordId();
        hold.patronId = patron.id();
        hold.pickupServicePoint = copy.currentServicePointCode();
        hold.status = HoldStatus.OPEN_AWAITING_DELIVERY;
        hold.requestedAt = now;
        hold.copyId = copy.copyId();
        hold.deliveryOrderId = orderId;
        return hold;
    }

    /** A copy is promised to this hold and travels to the pickup point. */
    public void promiseInTransit(CirculationCopy copy) {
        copyId = copy.copyId();
        status = HoldStatus.OPEN_IN_TRANSIT;
    }

    /** The promised copy is on the pickup point's hold shelf until the end of the last pickup day. */
    public void awaitPickup(CirculationCopy copy, int holdShelfDays, Instant now, ZoneId zone) {
        copyId = copy.copyId();
        status = HoldStatus.OPEN_AWAITING_PICKUP;
        pickupBy = LocalDate.ofInstant(now, zone).plusDays(holdShelfDays + 1L).atStartOfDay(zone).minusSeconds(1)
                .toInstant();
    }

    /** Keeps the place in the queue but takes no copy until after {@code until}; null resumes at once. */
    public void suspendUntil(LocalDate until) {
        suspendedUntil = until;
    }

    public LocalDate suspendedUntil() {
        return suspendedUntil;
    }

    public void fill(Instant now) {
        close(HoldStatus.CLOSED_FILLED, now);
    }

    public void cancel(Instant now) {
        close(HoldStatus.CLOSED_CANCELLED, now);
    }

    /** The copy never reached the reader (a failed delivery came back, or the order was not filled). */
    public void unfill(Instant now) {
        close(HoldStatus.CLOSED_UNFILLED, now);
    }

    public void expire(Instant now) {
        close(HoldStatus.CLOSED_PICKUP_EXPIRED, now);
    }

    private void close(HoldStatus closing, Instant now) {
        status = closing;
        closedAt = now;
    }

    public boolean isPickupExpired(Instant now) {
        return status == HoldStatus.OPEN_AWAITING_PICKUP && pickupBy != null && now.isAfter(pickupBy);
    }

    public UUID id() {
        return id;
    }

    public UUID recordId() {
        return recordId;
    }

    public UUID patronId() {
        return patronId;
    }

    public String pickupServicePoint() {
        return pickupServicePoint;
    }

    public HoldStatus status() {
        return status;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public UUID copyId() {
        return copyId;
    }

    public Instant pickupBy() {
        return pickupBy;
    }

    /** The delivery order this hold belongs to; null for a hold picked up at a service point. */
    public UUID deliveryOrderId() {
        return deliveryOrderId;
    }

    public long version() {
        return version;
    }
}
