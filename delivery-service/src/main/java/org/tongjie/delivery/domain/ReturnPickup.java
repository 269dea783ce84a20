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
import java.time.LocalDate;
import java.util.UUID;

/** A courier collects borrowed books at a reader's address and brings them to a library to be checked in. */
@Entity
@Table(name = "return_pickup")
public class ReturnPickup {

    /** Where a return pickup stands. */
    public enum Status { SCHEDULED, PICKED_UP, RECEIVED, CANCELLED }

    @Id
    private UUID id;
    @Column(name = "card_number")
    private String cardNumber;
    @Column(name = "library_code")
    private String libraryCode;
    private String recipient;
    private String phone;
    @Column(name = "region_code")
    private String regionCode;
    @Column(name = "address_line")
    private String addressLine;
    @Column(name = "pickup_date")
    private LocalDate pickupDate;
    @Enumerated(EnumType.STRING)
    private Status status;
    private String carrier;
    @Column(name = "tracking_number")
    private String trackingNumber;
    @Column(name = "received_at_service_point")
    private String receivedAtServicePoint;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "status_since")
    private Instant statusSince;
    @Version
    private long version;

    protected ReturnPickup() {
    }

    public static ReturnPickup schedule(String cardNumber, String libraryCode, DeliveryAddress address, LocalDate date,
            Instant now) {
        ReturnPickup pickup = new ReturnPickup();
        pickup.id = TimeOrderedIds.next();
        pickup.cardNumber = cardNumber;
        pickup.libraryCode = libraryCode;
        pickup.recipient = address.recipient();
        pickup.phone = address.phone();
        pickup.regionCode = address.regionCode();
        pickup.addressLine = address.line();
        pickup.pickupDate = date;
        pickup.status = Status.SCHEDULED;
        pickup.createdAt = now;
        pickup.statusSince = now;
        return pickup;
    }

    /** The library booked a courier for it. */
    public void bookCourier(String carrier, String trackingNumber) {
        this.carrier = carrier;
        this.trackingNumber = trackingNumber;
    }

    public void pickedUp(Instant now) {
        moveTo(Status.PICKED_UP, now);
    }

    public void receive(String servicePointCode, Instant now) {
        receivedAtServicePoint = servicePointCode;
        moveTo(Status.RECEIVED, now);
    }

    public void cancel(Instant now) {
        moveTo(Status.CANCELLED, now);
    }

    private void moveTo(Status next, Instant now) {
        status = next;
        statusSince = now;
    }

    public boolean isOpen() {
        return status == Status.SCHEDULED || status == Status.PICKED_UP;
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

    public String recipient() {
        return recipient;
    }

    public String regionCode() {
        return regionCode;
    }

    public String addressLine() {
        return addressLine;
    }

    public LocalDate pickupDate() {
        return pickupDate;
    }

    public Status status() {
        return status;
    }

    public String carrier() {
        return carrier;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public String receivedAtServicePoint() {
        return receivedAtServicePoint;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant statusSince() {
        return statusSince;
    }
}
