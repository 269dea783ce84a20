package org.tongjie.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A place of a library that lends, takes returns, holds books for pickup or serves as a delivery hub. */
@Entity
@Table(name = "service_point")
public class ServicePoint {

    @Id
    private String code;
    @Column(name = "library_code")
    private String libraryCode;
    private String name;
    @Enumerated(EnumType.STRING)
    private ServicePointType type;
    @Column(name = "can_lend")
    private boolean canLend;
    @Column(name = "can_return")
    private boolean canReturn;
    @Column(name = "can_hold_pickup")
    private boolean canHoldPickup;
    @Column(name = "delivery_hub")
    private boolean deliveryHub;
    private String address;
    private Double latitude;
    private Double longitude;
    @Column(name = "created_at")
    private Instant createdAt;
    @Version
    private long version;

    protected ServicePoint() {
    }

    /** What a service point can do. */
    public record Capabilities(boolean lend, boolean acceptReturns, boolean holdPickup, boolean deliveryHub) {
    }

    public static ServicePoint open(String code, Library library, String name, ServicePointType type,
            Capabilities capabilities, String address, Double latitude, Double longitude, Instant now) {
        ServicePoint point = new ServicePoint();
        point.code = code;
        point.libraryCode = library.code();
        point.name = name;
        point.type = type;
        point.canLend = capabilities.lend();
        point.canReturn = capabilities.acceptReturns();
        point.canHoldPickup = capabilities.holdPickup();
        point.deliveryHub = capabilities.deliveryHub();
        point.address = address;
        point.latitude = latitude;
        point.longitude = longitude;
        point.createdAt = now;
        return point;
    }

    public boolean belongsTo(String library) {
        return libraryCode.equals(library);
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

    public ServicePointType type() {
        return type;
    }

    public Capabilities capabilities() {
        return new Capabilities(canLend, canReturn, canHoldPickup, deliveryHub);
    }

    public String address() {
        return address;
    }

    public Double latitude() {
        return latitude;
    }

    public Double longitude() {
        return longitude;
    }
}
