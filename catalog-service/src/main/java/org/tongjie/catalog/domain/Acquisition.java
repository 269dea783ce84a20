package org.tongjie.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A copy bought for a library at a partner bookstore, identified by loan-service's purchase. PROVISIONAL until
 * the purchase completes (CONFIRMED) or is abandoned (DISCARDED, the copy deleted). An abandonment heard of
 * before any copy was made leaves a DISCARDED row, so a late request cannot make one.
 */
@Entity
@Table(name = "acquisition")
public class Acquisition {

    public enum Status { PROVISIONAL, CONFIRMED, DISCARDED }

    @Id
    @Column(name = "purchase_id")
    private UUID purchaseId;
    @Column(name = "library_code")
    private String libraryCode;
    @Column(name = "bookstore_code")
    private String bookstoreCode;
    @Column(name = "record_id")
    private UUID recordId;
    @Column(name = "copy_id")
    private UUID copyId;
    private String barcode;
    @Column(name = "record_created")
    private boolean recordCreated;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "decided_at")
    private Instant decidedAt;

    protected Acquisition() {
    }

    public static Acquisition of(UUID purchaseId, String bookstoreCode, Copy copy, boolean recordCreated,
            Instant now) {
        Acquisition acquisition = new Acquisition();
        acquisition.purchaseId = purchaseId;
        acquisition.libraryCode = copy.libraryCode();
        acquisition.bookstoreCode = bookstoreCode;
        acquisition.recordId = copy.recordId();
        acquisition.copyId = copy.id();
        acquisition.barcode = copy.barcode();
        acquisition.recordCreated = recordCreated;
        acquisition.status = Status.PROVISIONAL;
        acquisition.createdAt = now;
        return acquisition;
    }

    /** The purchase was abandoned before this service made a copy for it. */
    public static Acquisition abandonedUnmade(UUID purchaseId, String libraryCode, String bookstoreCode, Instant now) {
        Acquisition acquisition = new Acquisition();
        acquisition.purchaseId = purchaseId;
        acquisition.libraryCode = libraryCode;
        acquisition.bookstoreCode = bookstoreCode;
        acquisition.status = Status.DISCARDED;
        acquisition.createdAt = now;
        acquisition.decidedAt = now;
        return acquisition;
    }

    public void confirm(Instant now) {
        status = Status.CONFIRMED;
        decidedAt = now;
    }

    /** The purchase was abandoned: the provisional copy goes (its barcode is kept here, never reused). */
    public void discard(Instant now) {
        status = Status.DISCARDED;
        copyId = null;
        decidedAt = now;
    }

    public boolean isFor(String library, String bookstore) {
        return libraryCode.equals(library) && bookstoreCode.equals(bookstore);
    }

    public UUID purchaseId() {
        return purchaseId;
    }

    public UUID copyId() {
        return copyId;
    }

    public String barcode() {
        return barcode;
    }

    public boolean recordCreated() {
        return recordCreated;
    }

    public Status status() {
        return status;
    }
}
