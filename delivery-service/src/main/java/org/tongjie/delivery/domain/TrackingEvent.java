package org.tongjie.delivery.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One step of a shipment's timeline, from staff, the carrier or the system; unapplied ones came too late. */
@Entity
@Table(name = "tracking_event")
public class TrackingEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "shipment_id")
    private UUID shipmentId;
    @Enumerated(EnumType.STRING)
    private ShipmentStatus status;
    @Column(name = "occurred_at")
    private Instant occurredAt;
    private String location;
    private String source;
    private boolean applied;
    @Column(name = "recorded_at")
    private Instant recordedAt;

    protected TrackingEvent() {
    }

    public static TrackingEvent of(UUID shipmentId, ShipmentStatus status, Instant occurredAt, String location,
            String source, boolean applied, Instant now) {
        TrackingEvent event = new TrackingEvent();
        event.shipmentId = shipmentId;
        event.status = status;
        event.occurredAt = occurredAt;
        event.location = location;
        event.source = source;
        event.applied = applied;
        event.recordedAt = now;
        return event;
    }

    public ShipmentStatus status() {
        return status;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String location() {
        return location;
    }

    public String source() {
        return source;
    }

    public boolean applied() {
        return applied;
    }
}
