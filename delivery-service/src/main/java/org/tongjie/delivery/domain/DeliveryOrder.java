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

/** A reader's home-delivery order (网借): some records, one destination, one fee. */
@Entity
@Table(name = "delivery_order")
public class DeliveryOrder {

    /** Where an order stands. */
    public enum Status { REQUESTED, CONFIRMED, UNFILLED, CANCELLED, COMPLETED }

    @Id
    private UUID id;
    @Column(name = "card_number")
    private String cardNumber;
    @Column(name = "library_code")
    private String libraryCode;
    private String destination;
    @Column(name = "delivery_point_code")
    private String deliveryPointCode;
    private String recipient;
    private String phone;
    @Column(name = "region_code")
    private String regionCode;
    @Column(name = "address_line")
    private String addressLine;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "quoted_fee_fen")
    private int quotedFeeFen;
    @Column(name = "fee_fen")
    private int feeFen;
    @Column(name = "placed_at")
    private Instant placedAt;
    @Column(name = "status_since")
    private Instant statusSince;
    @Version
    private long version;

    protected DeliveryOrder() {
    }

    /** An order to a reader's saved address. */
    public static DeliveryOrder toAddress(String cardNumber, String libraryCode, DeliveryAddress address, int feeFen,
            Instant now) {
        DeliveryOrder order = placed(cardNumber, libraryCode, feeFen, now);
        order.destination = "HOME";
        order.recipient = address.recipient();
        order.phone = address.phone();
        order.regionCode = address.regionCode();
        order.addressLine = address.line();
        return order;
    }

    /** An order to a community delivery point or locker. */
    public static DeliveryOrder toDeliveryPoint(String cardNumber, String libraryCode, DeliveryPoint point, int feeFen,
            Instant now) {
        DeliveryOrder order = placed(cardNumber, libraryCode, feeFen, now);
        order.destination = "DELIVERY_POINT";
        order.deliveryPointCode = point.code();
        return order;
    }

    private static DeliveryOrder placed(String cardNumber, String libraryCode, int feeFen, Instant now) {
        DeliveryOrder order = new DeliveryOrder();
        order.id = TimeOrderedIds.next();
        order.cardNumber = cardNumber;
        order.libraryCode = libraryCode;
        order.status = Status.REQUESTED;
        order.quotedFeeFen = feeFen;
        order.feeFen = feeFen;
        order.placedAt = now;
        order.statusSince = now;
        return order;
    }

    /** Circulation answered: the fee follows the records actually found; none found leaves it unfilled. */
    public void allocated(int allocatedRecords, int feeFen, Instant now) {
        this.feeFen = allocatedRecords == 0 ? 0 : feeFen;
        moveTo(allocatedRecords == 0 ? Status.UNFILLED : Status.CONFIRMED, now);
    }

    public void cancel(Instant now) {
        feeFen = 0;
        moveTo(Status.CANCELLED, now);
    }

    public void complete(Instant now) {
        moveTo(Status.COMPLETED, now);
    }

    private void moveTo(Status next, Instant now) {
        status = next;
        statusSince = now;
    }

    public boolean toDeliveryPoint() {
        return deliveryPointCode != null;
    }

    public UUID id() {
        return id;
    }

    public String cardNumber() {
        return cardNumber;
    }

    public String libraryCode() {
        return libraryCode;
    }

    public String destination() {
        return destination;
    }

    public String deliveryPointCode() {
        return deliveryPointCode;
    }

    public String recipient() {
        return recipient;
    }

    public String phone() {
        return phone;
    }

    public String regionCode() {
        return regionCode;
    }

    public String addressLine() {
        return addressLine;
    }

    public Status status() {
        return status;
    }

    public int quotedFeeFen() {
        return quotedFeeFen;
    }

    public int feeFen() {
        return feeFen;
    }

    public Instant placedAt() {
        return placedAt;
    }

    public Instant statusSince() {
        return statusSince;
    }

    public long version() {
        return version;
    }
}
