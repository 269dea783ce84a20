package org.tongjie.delivery.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** One record of an order, and what circulation found for it. */
@Entity
@Table(name = "order_line")
@IdClass(OrderLine.Key.class)
public class OrderLine {

    public static final String REQUESTED = "REQUESTED";
    public static final String ALLOCATED = "ALLOCATED";

    @Id
    @Column(name = "order_id")
    private UUID orderId;
    @Id
    private int position;
    @Column(name = "record_id")
    private UUID recordId;
    private String outcome;
    @Column(name = "hold_id")
    private UUID holdId;
    @Column(name = "copy_id")
    private UUID copyId;
    private String barcode;
    private String title;
    @Column(name = "source_library")
    private String sourceLibrary;
    @Column(name = "source_service_point")
    private String sourceServicePoint;
    @Column(name = "shipment_id")
    private UUID shipmentId;

    protected OrderLine() {
    }

    public static OrderLine requested(UUID orderId, int position, UUID recordId) {
        OrderLine line = new OrderLine();
        line.orderId = orderId;
        line.position = position;
        line.recordId = recordId;
        line.outcome = REQUESTED;
        return line;
    }

    /** A copy was promised for this record and leaves from its service point. */
    public void allocate(UUID holdId, UUID copyId, String barcode, String title, String library, String servicePoint) {
        outcome = ALLOCATED;
        this.holdId = holdId;
        this.copyId = copyId;
        this.barcode = barcode;
        this.title = title;
        this.sourceLibrary = library;
        this.sourceServicePoint = servicePoint;
    }

    /** No copy could be promised; the reason is circulation's code (e.g. NO_COPY_AVAILABLE). */
    public void drop(String reason) {
        outcome = reason;
    }

    public void shipIn(UUID shipmentId) {
        this.shipmentId = shipmentId;
    }

    public boolean isAllocated() {
        return ALLOCATED.equals(outcome);
    }

    public UUID orderId() {
        return orderId;
    }

    public int position() {
        return position;
    }

    public UUID recordId() {
        return recordId;
    }

    public String outcome() {
        return outcome;
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

    public String sourceLibrary() {
        return sourceLibrary;
    }

    public String sourceServicePoint() {
        return sourceServicePoint;
    }

    public UUID shipmentId() {
        return shipmentId;
    }

    /** Primary key: the order and the line's position in it. */
    public static class Key implements Serializable {
        private UUID orderId;
        private int position;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.position == position && Objects.equals(k.orderId, orderId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(orderId, position);
        }
    }
}
