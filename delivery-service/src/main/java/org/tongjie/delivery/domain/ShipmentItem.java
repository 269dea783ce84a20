package org.tongjie.delivery.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** A copy in a shipment, with the hold it fills. */
@Entity
@Table(name = "shipment_item")
@IdClass(ShipmentItem.Key.class)
public class ShipmentItem {

    @Id
    @Column(name = "shipment_id")
    private UUID shipmentId;
    @Id
    @Column(name = "hold_id")
    private UUID holdId;
    @Column(name = "copy_id")
    private UUID copyId;
    private String barcode;
    private String title;

    protected ShipmentItem() {
    }

    public static ShipmentItem of(UUID shipmentId, OrderLine line) {
        ShipmentItem item = new ShipmentItem();
        item.shipmentId = shipmentId;
        item.holdId = line.holdId();
        item.copyId = line.copyId();
        item.barcode = line.barcode();
        item.title = line.title();
        return item;
    }

    public UUID shipmentId() {
        return shipmentId;
    }

    public UUID holdId() {
        return holdId;
    }

    public UUID copyId() {
        return copyId;
    }

    public String barcode() {
        return barcode;
    }

    public String title() {
        return title;
    }

    /** Primary key: the shipment and the hold. */
    public static class Key implements Serializable {
        private UUID shipmentId;
        private UUID holdId;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.shipmentId, shipmentId) && Objects.equals(k.holdId, holdId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(shipmentId, holdId);
        }
    }
}
