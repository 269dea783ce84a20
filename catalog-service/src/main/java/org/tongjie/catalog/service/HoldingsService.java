package org.tongjie.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;
import org.tongjie.catalog.domain.BibRecord;
import org.tongjie.catalog.domain.Copy;
import org.tongjie.platform.library.Isbn;
import org.tongjie.catalog.domain.ServicePoint;
import org.tongjie.catalog.repository.CopyRepository;
import org.tongjie.catalog.repository.RecordRepository;
import org.tongjie.catalog.repository.ServicePointRepository;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Catalogues records and registers, revises and withdraws the copies libraries hold of them. */
@ApplicationScoped
public class HoldingsService {

    private final RecordRepository records;
    private final CopyRepository copies;
    private final ServicePointRepository servicePoints;
    private final HoldingsChanges changes;
    private final Caller caller;

    HoldingsService(RecordRepository records, CopyRepository copies, ServicePointRepository servicePoints,
            HoldingsChanges changes, Caller caller) {
        this.records = records;
        this.copies = copies;
        this.servicePoints = servicePoints;
        this.changes = changes;
        this.caller = caller;
    }

    /** What a copy is to be: new, or revised. */
    public record CopyFields(String barcode, UUID recordId, String homeServicePointCode, String callNumber,
            String loanType) {
    }

    @Transactional
    public BibRecord catalogue(BibRecord.Description description) {
        BibRecord.Description normalised = withValidIsbn(description, null);
        try {
            return changes.catalogue(normalised, caller.library().orElse(null));
        } catch (ConstraintViolationException e) {
            throw isbnTaken(normalised.isbn());
        }
    }

    /**
     * Revises a record's description. Only staff of the library that catalogued it (or a network
     * administrator) may, and only from the version they read.
     */
    @Transactional
    public BibRecord redescribe(UUID id, long expectedVersion, BibRecord.Description description) {
        BibRecord record = records.findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("RECORD_NOT_FOUND", "No record " + id));
        boolean networkAdmin = caller.hasRole(Roles.ADMIN) && caller.library().isEmpty();
        if (!networkAdmin && !caller.library().map(record::cataloguedBy).orElse(false)) {
            throw ProblemException.forbidden("RECORD_OF_ANOTHER_LIBRARY",
                    "Only the library that catalogued this record may revise it");
        }
        Preconditions.requireVersion(expectedVersion, record.version());
        try {
            changes.redescribe(record, withValidIsbn(description, id));
        } catch (ConstraintViolationException e) {
            throw isbnTaken(description.isbn());
        }
        return record;
    }

    @Transactional
    public Copy register(CopyFields request) {
        ServicePoint home = homeFor(request.homeServicePointCode());
        caller.requireActsFor(home.libraryCode());
        BibRecord record = recordFor(request.recordId());
        if (copies.findByBarcode(request.barcode()).isPresent()) {
            throw barcodeTaken(request.barcode());
        }
        try {
            return changes.register(request.barcode(), record, home, request.callNumber(), request.loanType());
        } catch (ConstraintViolationException e) {
            throw barcodeTaken(request.barcode());
        }
    }

    /** Moves a copy to another record, home service point of its library, call number or loan type. */
    @Transactional
    public Copy revise(String barcode, long expectedVersion, CopyFields request) {
        Copy copy = copyOfCaller(barcode);
        Preconditions.requireVersion(expectedVersion, copy.version());
        if (copy.isWithdrawn()) {
            throw ProblemException.conflict("COPY_WITHDRAWN", "Copy " + barcode + " was withdrawn");
        }
        ServicePoint home = homeFor(request.homeServicePointCode());
        if (!home.belongsTo(copy.libraryCode())) {
            throw ProblemException.invalidField("SERVICE_POINT_OF_ANOTHER_LIBRARY", "homeServicePointCode",
                    home.code() + " is not a service point of " + copy.libraryCode());
        }
        changes.revise(copy, recordFor(request.recordId()), home, request.callNumber(), request.loanType());
        return copy;
    }

    /** Takes a copy out of the collection; withdrawing it again changes nothing. */
    @Transactional
    public Copy withdraw(String barcode) {
        Copy copy = copyOfCaller(barcode);
        changes.withdraw(copy);
        return copy;
    }

    public Optional<BibRecord> record(UUID id) {
        return records.findByIdOptional(id);
    }

    /** Several records at once, in no particular order; unknown ids are left out. */
    public List<BibRecord> records(java.util.Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : records.list("id in ?1", ids);
    }

    public Optional<Copy> copy(String barcode) {
        return copies.findByBarcode(barcode);
    }

    private Copy copyOfCaller(String barcode) {
        Copy copy = copies.findByBarcode(barcode)
                .orElseThrow(() -> ProblemException.notFound("COPY_NOT_FOUND", "No copy " + barcode));
        caller.requireActsFor(copy.libraryCode());
        if (copy.isProvisional()) {
            throw ProblemException.conflict("COPY_BEING_PURCHASED", "Copy " + barcode
                    + " is being bought at a partner bookstore; it joins the collection once lent to its reader");
        }
        return copy;
    }

    private ServicePoint homeFor(String code) {
        return servicePoints.findByIdOptional(code).orElseThrow(() -> ProblemException.invalidField(
                "SERVICE_POINT_UNKNOWN", "homeServicePointCode", "No service point " + code));
    }

    private BibRecord recordFor(UUID id) {
        return records.findByIdOptional(id).orElseThrow(() -> ProblemException.invalidField("RECORD_UNKNOWN",
                "recordId", "No record " + id));
    }

    /** Normalises the ISBN and refuses one another record already has. */
    private BibRecord.Description withValidIsbn(BibRecord.Description description, UUID self) {
        if (description.isbn() == null) {
            return description;
        }
        String isbn13 = Isbn.toIsbn13(description.isbn()).orElseThrow(() -> ProblemException.invalidField(
                "INVALID_ISBN", "isbn", "Not a valid ISBN-10 or ISBN-13: " + description.isbn()));
        records.findByIsbn(isbn13).filter(existing -> !existing.id().equals(self)).ifPresent(existing -> {
            throw ProblemException.conflict("RECORD_ISBN_EXISTS",
                    "Record " + existing.id() + " already has ISBN " + isbn13);
        });
        return description.withIsbn(isbn13);
    }

    private static ProblemException isbnTaken(String isbn) {
        return ProblemException.conflict("RECORD_ISBN_EXISTS", "Another record has ISBN " + isbn);
    }

    private static ProblemException barcodeTaken(String barcode) {
        return ProblemException.conflict("COPY_BARCODE_TAKEN", "Barcode " + barcode + " is already in use");
    }
}
