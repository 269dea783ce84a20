package org.tongjie.loan.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A service point as circulation needs it: whose it is and whether it lends and takes returns. */
@Entity
@Table(name = "service_point")
public class ServicePointInfo {

    @Id
    private String code;
    @Column(name = "library_code")
    private String libraryCode;
    private String name;
    @Column(name = "can_lend")
    private boolean canLend;
    @Column(name = "can_return")
    private boolean canReturn;
    @Column(name = "hold_pickup")
    private boolean holdPickup;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected ServicePointInfo() {
    }

    public static ServicePointInfo of(String code, String libraryCode, String name, boolean canLend,
            boolean canReturn, boolean holdPickup, Instant now) {
        ServicePointInfo point = new ServicePointInfo();
        point.code = code;
        point.libraryCode = libraryCode;
        point.name = name;
        point.canLend = canLend;
        point.canReturn = canReturn;
        point.holdPickup = holdPickup;
        point.updatedAt = now;
        return point;
    }

    public String code() {
        return code;
    }

    public String libraryCode() {
        return libraryCode;
    }

    public boolean canLend() {
        return canLend;
    }

    public boolean canReturn() {
        return canReturn;
    }

    public boolean holdPickup() {
        return holdPickup;
    }
}
