package org.tongjie.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;
import org.tongjie.catalog.domain.BibRecord;
import org.tongjie.catalog.domain.Copy;
import org.tongjie.catalog.domain.CopyCirculation;
import org.tongjie.catalog.domain.Isbn;
import org.tongjie.catalog.domain.ServicePoint;
import org.tongjie.catalog.events.CopyRegistered;
import org.tongjie.catalog.events.RecordRegistered;
import org.tongjie.catalog.repository.CopyRepository;
import org.tongjie.catalog.repository.RecordRepository;
import org.tongjie.catalog.repository.ServicePointRepository;
import org.tongjie.catalog.search.RecordIndexer;
import org.tongjie.platform.outbox.Outbox;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Caller;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Catalogues records and registers the copies libraries hold of them. */
@ApplicationScoped
public class HoldingsService {

    private final RecordRepository records;
    private final CopyRepository copies;
    private final ServicePointRepository servicePoints;
    private final Outbox outbox;
    private final Clock clock;
    private final Caller caller;
    private final RecordIndexer indexer;
    private final EntityManager em;

    HoldingsService(RecordRepository records, CopyRepository copies, ServicePointRepository servicePoints,
            Outbox outbox, Clock clock, Caller caller, RecordIndexer indexer, EntityManager em) {
        this.records = records;
        this.copies = copies;
        this.servicePoints = servicePoints;
        this.outbox = outbox;
        this.clock = clock;
        this.caller = caller;
        this.indexer = indexer;
        this.em = em;
    }

    /** What a new copy is. */
    public record NewCopy(String barcode, UUID recordId, String homeServicePointCode, String callNumber,
            String loanType) {
    }

    @Transactional
    public BibRecord catalogue(BibRecord.Description description) {
        BibRecord.Description normalised = description;
        if (description.isbn() != null) {
            String isbn13 = Isbn.toIsbn13(description.isbn()).orElseThrow(() -> ProblemException.invalidField(
                    "INVALID_ISBN", "isbn", "Not a valid ISBN-10 or ISBN-13: " + description.isbn()));
            records.findByIsbn(isbn13).ifPresent(existing -> {
                throw ProblemException.conflict("RECORD_ISBN_EXISTS",
                        "Record " + existing.id() + " already has ISBN " + isbn13);
            });
            normalised = description.withIsbn(isbn13);
        }
        BibRecord record = BibRecord.catalogue(normalised, caller.library().orElse(null), clock.instant());
        try {
            records.persistAndFlush(record);
        } catch (ConstraintViolationException e) {
            throw ProblemException.conflict("RECORD_ISBN_EXISTS", "Another record has ISBN " + normalised.isbn());
        }
        indexer.index(List.of(record));
        outbox.add(RecordRegistered.of(record));
        return record;
    }

    @Transactional
    public Copy register(NewCopy request) {
        ServicePoint home = servicePoints.findByIdOptional(request.homeServicePointCode())
                .orElseThrow(() -> ProblemException.invalidField("SERVICE_POINT_UNKNOWN", "homeServicePointCode",
                        "No service point " + request.homeServicePointCode()));
        caller.requireActsFor(home.libraryCode());
        BibRecord record = records.findByIdOptional(request.recordId())
                .orElseThrow(() -> ProblemException.invalidField("RECORD_UNKNOWN", "recordId",
                        "No record " + request.recordId()));
        if (copies.findByBarcode(request.barcode()).isPresent()) {
            throw barcodeTaken(request.barcode());
        }
        Copy copy = Copy.register(request.barcode(), record, home, request.callNumber(), request.loanType(),
                clock.instant());
        try {
            copies.persistAndFlush(copy);
        } catch (ConstraintViolationException e) {
            throw barcodeTaken(request.barcode());
        }
        em.persist(CopyCirculation.onShelf(copy, clock.instant()));
        outbox.add(CopyRegistered.of(copy, record));
        return copy;
    }

    private static ProblemException barcodeTaken(String barcode) {
        return ProblemException.conflict("COPY_BARCODE_TAKEN", "Barcode " + barcode + " is already in use");
    }

    public Optional<BibRecord> record(UUID id) {
        return records.findByIdOptional(id);
    }

    public Optional<Copy> copy(String barcode) {
        return copies.findByBarcode(barcode);
    }
}
