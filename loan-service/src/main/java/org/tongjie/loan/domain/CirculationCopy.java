package org.tongjie.loan.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * A copy as circulation sees it: the catalog's facts (kept up to date from catalog events, newest version
 * wins) plus the circulation status that only loan-service decides.
 */
@Entity
@Table(name = "circulation_copy")
public class CirculationCopy {

    @Id
    @Column(name = "copy_id")
    private UUID copyId;
    private String barcode;
    @Column(name = "record_id")
    private UUID recordId;
    private String title;
    @Column(name = "library_code")
    private String libraryCode;
    @Column(name = "home_service_point_code")
    private String homeServicePointCode;
    @Column(name = "current_service_point_code")
    private String currentServicePointCode;
    @Column(name = "loan_type")
    private String loanType;
    @Enumerated(EnumType.STRING)
    private CirculationStatus status;
    @Column(name = "catalog_version")
    private long catalogVersion;
    @Column(name = "withdrawn_from_catalog")
    private boolean withdrawnFromCatalog;
    @Column(name = "destination_service_point_code")
    private String destinationServicePointCode;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected CirculationCopy() {
    }

    /** The catalog's description of a copy at one version. */
    public record CatalogFacts(UUID copyId, String barcode, UUID recordId, String title, String libraryCode,
            String homeServicePointCode, String loanType, long catalogVersion) {
    }

    /** A copy the catalog just registered: it starts on the shelf of its home service point. */
    public static CirculationCopy shelved(CatalogFacts facts, Instant now) {
        CirculationCopy copy = new CirculationCopy();
        copy.copyId = facts.copyId();
        copy.currentServicePointCode = facts.homeServicePointCode();
        copy.status = CirculationStatus.AVAILABLE;
        copy.createdAt = now;
        copy.catalogVersion = -1;
        copy.adopt(facts, now);
        return copy;
    }

    /** Takes the catalog's facts if they are newer than those held; returns whether anything changed. */
    public boolean adopt(CatalogFacts facts, Instant now) {
        if (facts.catalogVersion() <= catalogVersion) {
            return false;
        }
        barcode = facts.barcode();
        recordId = facts.recordId();
        title = facts.title();
        libraryCode = facts.libraryCode();
        homeServicePointCode = facts.homeServicePointCode();
        loanType = facts.loanType();
        catalogVersion = facts.catalogVersion();
        updatedAt = now;
        return true;
    }

    /**
     * The catalog withdrew the copy. One on the shelf leaves circulation now; one on loan or travelling keeps
     * its status until it comes back, and is then not lent again (the catalog no longer lists it).
     */
    public boolean withdraw(long withdrawnAtCatalogVersion, Instant now) {
        if (withdrawnAtCatalogVersion <= catalogVersion && status == CirculationStatus.WITHDRAWN) {
            return false;
        }
        catalogVersion = Math.max(catalogVersion, withdrawnAtCatalogVersion);
        withdrawnFromCatalog = true;
        if (status == CirculationStatus.AVAILABLE) {
            status = CirculationStatus.WITHDRAWN;
        }
        updatedAt = now;
        return true;
    }

    /** Where a check-in sends the copy. */
    public enum Routing { SHELVE_HERE, FLOAT_HERE, TRANSIT_HOME, HOLD_SHELF_HERE, TRANSIT_TO_PICKUP, WITHDRAWN }

    /** The copy is on this service point's hold shelf for a reader. */
    public void holdForPickup(ServicePointInfo at, Instant now) {
        status = CirculationStatus.AWAITING_PICKUP;
        currentServicePointCode = at.code();
        destinationServicePointCode = null;
        updatedAt = now;
    }

    /** The copy is promised to a delivery order and waits where it is to be packed. */
    public void awaitDelivery(Instant now) {
        status = CirculationStatus.AWAITING_DELIVERY;
        destinationServicePointCode = null;
        updatedAt = now;
    }

    /** The copy left with a courier for a reader's door or locker. */
    public void leaveWithCourier(Instant now) {
        status = CirculationStatus.IN_DELIVERY;
        updatedAt = now;
    }

    /** Whether the copy belongs to a delivery shipment (waiting to be packed, or with the courier). */
    public boolean isInDelivery() {
        return status == CirculationStatus.AWAITING_DELIVERY || status == CirculationStatus.IN_DELIVERY;
    }

    /**
     * The copy came off the road at a service point (a transfer received, a delivery returned): it is here now
     * and bound nowhere, so routing decides afresh where it goes next.
     */
    public void cameBackTo(ServicePointInfo at, Instant now) {
        currentServicePointCode = at.code();
        destinationServicePointCode = null;
        updatedAt = now;
    }

    /** The copy travels to a service point (a hold's pickup point). */
    public void sendTo(String servicePointCode, Instant now) {
        status = CirculationStatus.IN_TRANSIT;
        destinationServicePointCode = servicePointCode;
        updatedAt = now;
    }

    /** Where the copy is now, as it arrives at a service point. */
    public void arriveAt(ServicePointInfo at, Instant now) {
        currentServicePointCode = at.code();
        updatedAt = now;
    }


    public boolean isLendable() {
        return status == CirculationStatus.AVAILABLE && !withdrawnFromCatalog;
    }

    /** The due date moved (a renewal): the copy's version moves too, so reports stay ordered. */
    public void dueDateMoved(Instant now) {
        updatedAt = now;
    }

    public void checkOut(Instant now) {
        status = CirculationStatus.CHECKED_OUT;
        destinationServicePointCode = null;
        updatedAt = now;
    }

    /**
     * Takes the copy in at a service point: on the shelf when that is its home, otherwise in transit home;
     * a copy the catalog withdrew leaves circulation. Returns where it goes.
     */
    public Routing checkInAt(ServicePointInfo at, Instant now) {
        updatedAt = now;
        currentServicePointCode = at.code();
        if (withdrawnFromCatalog) {
            status = CirculationStatus.WITHDRAWN;
            destinationServicePointCode = null;
            return Routing.WITHDRAWN;
        }
        if (at.code().equals(homeServicePointCode)) {
            status = CirculationStatus.AVAILABLE;
            destinationServicePointCode = null;
            return Routing.SHELVE_HERE;
        }
        status = CirculationStatus.IN_TRANSIT;
        destinationServicePointCode = homeServicePointCode;
        return Routing.TRANSIT_HOME;
    }

    /**
     * A copy of a floating collection stays on the shelf where it was checked in; its home stays what the
     * catalog says, where it goes back once its library stops floating.
     */
    public void floatHere(ServicePointInfo at, Instant now) {
        updatedAt = now;
        currentServicePointCode = at.code();
        status = CirculationStatus.AVAILABLE;
        destinationServicePointCode = null;
    }

    public String destinationServicePointCode() {
        return destinationServicePointCode;
    }

    public long version() {
        return version;
    }

    public boolean withdrawnFromCatalog() {
        return withdrawnFromCatalog;
    }

    public UUID copyId() {
        return copyId;
    }

    public String barcode() {
        return barcode;
    }

    public UUID recordId() {
        return recordId;
    }

    public String title() {
        return title;
    }

    public String libraryCode() {
        return libraryCode;
    }

    public String homeServicePointCode() {
        return homeServicePointCode;
    }

    public String currentServicePointCode() {
        return currentServicePointCode;
    }

    public String loanType() {
        return loanType;
    }

    public CirculationStatus status() {
        return status;
    }

    public long catalogVersion() {
        return catalogVersion;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
