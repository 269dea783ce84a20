package org.tongjie.delivery.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A service point as delivery sees it: a hub that dispatches shipments, or a place (a community locker,
 * a reading bar) where delivered books can be collected.
 */
@Entity
@Table(name = "delivery_point")
public class DeliveryPoint {

    @Id
    private String code;
    @Column(name = "library_code")
    private String libraryCode;
    private String name;
    private String type;
    @Column(name = "hold_pickup")
    private boolean holdPickup;
    @Column(name = "delivery_hub")
    private boolean deliveryHub;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected DeliveryPoint() {
    }

    public static DeliveryPoint of(String code, String libraryCode, String name, String type, boolean holdPickup,
            boolean deliveryHub, Instant now) {
        DeliveryPoint point = new DeliveryPoint();
        point.code = code;
        point.describe(libraryCode, name, type, holdPickup, deliveryHub, now);
        return point;
    }

    public void describe(String libraryCode, String name, String type, boolean holdPickup, boolean deliveryHub,
            Instant now) {
        this.libraryCode = libraryCode;
        this.name = name;
        this.type = type;
        this.holdPickup = holdPickup;
        this.deliveryHub = deliveryHub;
        this.updatedAt = now;
    }

    /** Readers can have books delivered here for collection. */
    public boolean acceptsDeliveries() {
        return holdPickup && ("LOCKER".equals(type) || "READING_BAR".equals(type) || "SELF_SERVICE_24H".equals(type)
                || "VILLAGE_BOOK_HOUSE".equals(type));
    }

    public String code() {
        return code;
    }

    public String libraryCode() {
        return libraryCode;
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public boolean deliveryHub() {
        return deliveryHub;
    }
}
