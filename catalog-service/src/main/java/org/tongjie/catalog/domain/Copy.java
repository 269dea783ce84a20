package org.tongjie.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A physical item: one barcode, unique in the whole network, owned by one library. */
@Entity
@Table(name = "copy")
public class Copy {

    /**
     * Whether the copy is part of the collection; circulation status lives in loan-service. A PROVISIONAL copy is
     * being bought at a partner bookstore: it joins the collection once lent to its reader, or is discarded.
     */
    public enum Status { PROVISIONAL, ACTIVE, WITHDRAWN }

    @Id
    private UUID id;
    private String barcode;
    @Column(name = "record_id")
    private UUID recordId;
    @Column(name = "library_code")
    private String libraryCode;
    @Column(name = "home_service_point_code")
    private String homeServicePointCode;
    @Column(name = "call_number")
    private String callNumber;
    @Column(name = "loan_type")
    private String loanType;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected Copy() {
    }

    public static Copy register(String barcode, BibRecord record, ServicePoint home, String callNumber,
            String loanType, Instant now) {
        Copy copy = new Copy();
        copy.id = UUID.randomUUID();
        copy.barcode = barcode;
        copy.recordId = record.id();
        copy.libraryCode = home.libraryCode();
        copy.homeServicePointCode = home.code();
        copy.callNumber = callNumber;
        copy.loanType = loanType;
        copy.status = Status.ACTIVE;
        copy.createdAt = now;
        copy.updatedAt = now;
        return copy;
    }

    /** A copy bought at a partner bookstore, not part of the collection until its purchase completes. */
    public static Copy provisional(String barcode, BibRecord record, ServicePoint home, String callNumber,
            String loanType, Instant now) {
        Copy copy = register(barcode, record, home, callNumber, loanType, now);
        copy.status = Status.PROVISIONAL;
        return copy;
    }

    /** The purchase completed: the copy joins the collection; returns false when it already had. */
    public boolean joinCollection(Instant now) {
        if (status != Status.PROVISIONAL) {
            return false;
        }
        status = Status.ACTIVE;
        updatedAt = now;
        return true;
    }

    public boolean isProvisional() {
        return status == Status.PROVISIONAL;
    }

    /** Moves the copy to another record, home or call number; returns false when nothing changed. */
    public boolean revise(BibRecord record, ServicePoint home, String newCallNumber, String newLoanType,
            Instant now) {
        boolean same = recordId.equals(record.id()) && homeServicePointCode.equals(home.code())
                && java.util.Objects.equals(callNumber, newCallNumber) && loanType.equals(newLoanType);
        if (same) {
            return false;
        }
        recordId = record.id();
        libraryCode = home.libraryCode();
        homeServicePointCode = home.code();
        callNumber = newCallNumber;
        loanType = newLoanType;
        updatedAt = now;
        return true;
    }

    /** Takes the copy out of the collection; returns false when it already was. */
    public boolean withdraw(Instant now) {
        if (status == Status.WITHDRAWN) {
            return false;
        }
        status = Status.WITHDRAWN;
        updatedAt = now;
        return true;
    }

    public boolean isWithdrawn() {
        return status == Status.WITHDRAWN;
    }

    public UUID id() {
        return id;
    }

    public String barcode() {
        return barcode;
    }

    public UUID recordId() {
        return recordId;
    }

    public String libraryCode() {
        return libraryCode;
    }

    public String homeServicePointCode() {
        return homeServicePointCode;
    }

    public String callNumber() {
        return callNumber;
    }

    public String loanType() {
        return loanType;
    }

    public Status status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
