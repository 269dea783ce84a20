package org.tongjie.delivery.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An address a reader saved for deliveries and return pickups. */
@Entity
@Table(name = "delivery_address")
public class DeliveryAddress {

    @Id
    private UUID id;
    @Column(name = "card_number")
    private String cardNumber;
    private String recipient;
    private String phone;
    @Column(name = "region_code")
    private String regionCode;
    private String line;
    @Column(name = "created_at")
    private Instant createdAt;
    private boolean removed;

    protected DeliveryAddress() {
    }

    public static DeliveryAddress of(String cardNumber, String recipient, String phone, String regionCode, String line,
            Instant now) {
        DeliveryAddress address = new DeliveryAddress();
        address.id = UUID.randomUUID();
        address.cardNumber = cardNumber;
        address.recipient = recipient;
        address.phone = phone;
        address.regionCode = regionCode;
        address.line = line;
        address.createdAt = now;
        return address;
    }

    /** Removed addresses stay for the orders that used them but are no longer offered. */
    public void remove() {
        removed = true;
    }

    public boolean belongsTo(String card) {
        return !removed && cardNumber.equals(card);
    }

    public UUID id() {
        return id;
    }

    public String cardNumber() {
        return cardNumber;
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

    public String line() {
        return line;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
