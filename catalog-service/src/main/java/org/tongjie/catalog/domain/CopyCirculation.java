package org.tongjie.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The circulation status of a copy as loan-service last reported it, kept for availability and search.
 * Reports carry loan-service's version; an older report than the one held changes nothing.
 */
@Entity
@Table(name = "copy_circulation")
public class CopyCirculation {

    public static final String AVAILABLE = "AVAILABLE";
    public static final String WITHDRAWN = "WITHDRAWN";

    @Id
    @Column(name = "copy_id")
    private UUID copyId;
    @Column(name = "record_id")
    private UUID recordId;
    @Column(name = "library_code")
    private String libraryCode;
    @Column(name = "shelf_library")
    private String shelfLibrary;
    private String status;
    @Column(name = "due_date")
    private LocalDate dueDate;
    private long version;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected CopyCirculation() {
    }

    /** A newly registered copy: on the shelf until loan-service reports otherwise. */
    public static CopyCirculation onShelf(Copy copy, Instant now) {
        CopyCirculation circulation = new CopyCirculation();
        circulation.copyId = copy.id();
        circulation.recordId = copy.recordId();
        circulation.libraryCode = copy.libraryCode();
        circulation.shelfLibrary = copy.libraryCode();
        circulation.status = AVAILABLE;
        circulation.version = -1;
        circulation.updatedAt = now;
        return circulation;
    }

    /**
     * Takes loan-service's report if it is newer than the one held; returns whether it was. {@code atLibrary}
     * is the library of the service point the copy is at, when known: an available copy stands there.
     */
    public boolean report(String newStatus, LocalDate newDueDate, long reportVersion, String atLibrary,
            Instant now) {
        if (reportVersion <= version || WITHDRAWN.equals(status)) {
            return false;
        }
        if (AVAILABLE.equals(newStatus)) {
            shelfLibrary = atLibrary != null ? atLibrary : libraryCode;
        }
        status = newStatus;
        dueDate = newDueDate;
        version = reportVersion;
        updatedAt = now;
        return true;
    }

    /** The catalog withdrew the copy: no later circulation report brings it back. */
    public void withdraw(Instant now) {
        status = WITHDRAWN;
        updatedAt = now;
    }

    /** The copy moved to another record or library in the catalog. */
    public void relocate(Copy copy, Instant now) {
        recordId = copy.recordId();
        libraryCode = copy.libraryCode();
        if (AVAILABLE.equals(status)) {
            shelfLibrary = libraryCode;
        }
        updatedAt = now;
    }

    public String status() {
        return status;
    }
}
