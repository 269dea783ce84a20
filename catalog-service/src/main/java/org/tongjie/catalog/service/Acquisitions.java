package org.tongjie.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.tongjie.catalog.domain.Acquisition;
import org.tongjie.catalog.domain.BibRecord;
import org.tongjie.catalog.domain.Copy;
import org.tongjie.catalog.domain.CopyCirculation;
import org.tongjie.platform.library.Isbn;
import org.tongjie.catalog.domain.ServicePoint;
import org.tongjie.catalog.events.CopyDescribed;
import org.tongjie.catalog.repository.CopyRepository;
import org.tongjie.catalog.rest.dto.AcquisitionRequest;
import org.tongjie.platform.outbox.Outbox;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Caller;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Books bought at partner bookstores (你选书·我买单). A purchase makes a PROVISIONAL copy, invisible to search and
 * to loan-service, under the library's limits (copies already in the network, excluded classes). The copy joins
 * the collection when loan-service reports it lent, and is deleted when loan-service abandons the purchase.
 */
@ApplicationScoped
public class Acquisitions {

    private static final Logger LOG = Logger.getLogger(Acquisitions.class);
    static final String LOAN_TYPE = "STANDARD";

    private final EntityManager em;
    private final CopyRepository copies;
    private final HoldingsChanges changes;
    private final Outbox outbox;
    private final Caller caller;
    private final Clock clock;
    private final HoldingsIndicators indicators;

    Acquisitions(EntityManager em, CopyRepository copies, HoldingsChanges changes, Outbox outbox, Caller caller,
            Clock clock, HoldingsIndicators indicators) {
        this.indicators = indicators;
        this.em = em;
        this.copies = copies;
        this.changes = changes;
        this.outbox = outbox;
        this.caller = caller;
        this.clock = clock;
    }

    /** The provisional copy of a purchase and its record. */
    public record Acquired(UUID purchaseId, Copy copy, BibRecord record, boolean recordCreated) {
    }

    /**
     * Makes the provisional copy of a purchase, or returns the one already made for it. Only the bookstore itself
     * may ask (its token, passed on by loan-service), for its own library.
     */
    @Transactional
    public Acquired acquire(String library, AcquisitionRequest request) {
        String bookstore = caller.bookstore().orElseThrow(() -> ProblemException.forbidden("BOOKSTORE_ONLY",
                "Only a partner bookstore's client records purchases"));
        if (!bookstore.equals(request.bookstoreCode()) || !caller.library().map(library::equals).orElse(false)) {
            throw ProblemException.forbidden("BOOKSTORE_SCOPE_VIOLATION", "Bookstore " + bookstore + " of library "
                    + caller.library().orElse("(none)") + " cannot buy as " + request.bookstoreCode() + " for "
                    + library);
        }
        // Repeated requests for one purchase (a counter's retries racing) wait for each other here.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "acquisition:" + request.purchaseId()).getSingleResult();
        Acquisition existing = em.find(Acquisition.class, request.purchaseId(), LockModeType.PESSIMISTIC_WRITE);
        if (existing != null) {
            return replay(existing, library, bookstore);
        }
        ServicePoint home = em.find(ServicePoint.class, request.homeServicePointCode());
        if (home == null || !home.belongsTo(library)) {
            throw ProblemException.invalidField("SERVICE_POINT_UNKNOWN", "homeServicePointCode",
                    request.homeServicePointCode() + " is not a service point of " + library);
        }
        String isbn = Isbn.toIsbn13(request.isbn()).orElseThrow(() -> ProblemException.invalidField("INVALID_ISBN",
                "isbn", "Not a valid ISBN-10 or ISBN-13: " + request.isbn()));
        BibRecord record = em.createQuery("from BibRecord where isbn = ?1", BibRecord.class).setParameter(1, isbn)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream().findFirst().orElse(null);
        boolean created = record == null;
        if (created) {
            record = catalogue(library, isbn, request);
        }
        String clcClass = record.description().clcClass() != null ? record.description().clcClass()
                : request.clcClass();
        refuseExcluded(clcClass, request.excludedClasses());
        long inNetwork = em.createQuery("select count(c) from Copy c where c.recordId = ?1 and c.status in ?2",
                Long.class).setParameter(1, record.id())
                .setParameter(2, List.of(Copy.Status.ACTIVE, Copy.Status.PROVISIONAL)).getSingleResult();
        if (inNetwork >= request.maxNetworkCopies()) {
            throw new ProblemException(422, "ENOUGH_COPIES_IN_NETWORK", "The network has enough copies",
                    "The network already holds " + inNetwork + " copies of this book (the library buys up to "
                            + request.maxNetworkCopies() + "); the reader can place a hold", List.of());
        }
        Copy copy = Copy.provisional(newBarcode(library), record, home, clcClass, LOAN_TYPE, clock.instant());
        em.persist(copy);
        em.persist(Acquisition.of(request.purchaseId(), bookstore, copy, created, clock.instant()));
        em.flush();
        return new Acquired(request.purchaseId(), copy, record, created);
    }

    /**
     * loan-service reported a provisional copy's circulation (it lent the copy to its buyer): the copy joins the
     * collection with that status. Returns false when the copy is not provisional.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean confirm(UUID copyId, String status, LocalDate dueDate, long version, String atLibrary) {
        Copy copy = em.find(Copy.class, copyId, LockModeType.PESSIMISTIC_WRITE);
        if (copy == null || !copy.joinCollection(clock.instant())) {
            return false;
        }
        em.createQuery("from Acquisition where copyId = ?1", Acquisition.class).setParameter(1, copyId)
                .getResultList().stream().findFirst().ifPresent(acquisition -> acquisition.confirm(clock.instant()));
        CopyCirculation circulation = CopyCirculation.onShelf(copy, clock.instant());
        circulation.report(status, dueDate, version, atLibrary, clock.instant());
        em.persist(circulation);
        em.flush();
        outbox.add(CopyDescribed.registered(copy, em.find(BibRecord.class, copy.recordId())));
        indicators.added(copy, clock.instant());
        return true;
    }

    /** loan-service abandoned a purchase: its provisional copy is deleted, or none may be made later. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void discard(UUID purchaseId, String library, String bookstore) {
        Acquisition acquisition = em.find(Acquisition.class, purchaseId, LockModeType.PESSIMISTIC_WRITE);
        if (acquisition == null) {
            em.persist(Acquisition.abandonedUnmade(purchaseId, library, bookstore, clock.instant()));
            return;
        }
        if (acquisition.status() == Acquisition.Status.CONFIRMED) {
            LOG.warnf("Purchase %s reported abandoned after its copy %s joined the collection; copy kept",
                    purchaseId, acquisition.barcode());
            return;
        }
        if (acquisition.status() == Acquisition.Status.PROVISIONAL) {
            Copy copy = em.find(Copy.class, acquisition.copyId(), LockModeType.PESSIMISTIC_WRITE);
            acquisition.discard(clock.instant());
            if (copy != null && copy.isProvisional()) {
                em.remove(copy);
            }
        }
    }

    private Acquired replay(Acquisition existing, String library, String bookstore) {
        if (!existing.isFor(library, bookstore)) {
            throw ProblemException.conflict("PURCHASE_OF_ANOTHER_BOOKSTORE", "Purchase " + existing.purchaseId()
                    + " belongs to another bookstore");
        }
        if (existing.status() == Acquisition.Status.DISCARDED) {
            throw ProblemException.conflict("PURCHASE_ABANDONED", "Purchase " + existing.purchaseId()
                    + " was abandoned unfinished");
        }
        Copy copy = em.find(Copy.class, existing.copyId());
        return new Acquired(existing.purchaseId(), copy, em.find(BibRecord.class, copy.recordId()),
                existing.recordCreated());
    }

    private BibRecord catalogue(String library, String isbn, AcquisitionRequest request) {
        if (request.title() == null || request.title().isBlank()) {
            throw ProblemException.invalidField("RECORD_DATA_REQUIRED", "title",
                    "The catalog does not know ISBN " + isbn + ": send the book's title (and its CIP data)");
        }
        var description = new BibRecord.Description(isbn, request.title().strip(), null, request.authors(),
                request.publisher(), request.publicationYear(), "chi", request.clcClass(), List.of(), null);
        try {
            return changes.catalogue(description, library);
        } catch (ConstraintViolationException e) {
            throw ProblemException.conflict("PURCHASE_CONFLICT", "Another purchase of ISBN " + isbn
                    + " is being recorded at this moment; send the request again");
        }
    }

    private static void refuseExcluded(String clcClass, List<String> excludedClasses) {
        if (clcClass == null || excludedClasses == null) {
            return;
        }
        String wanted = clcClass.strip().toUpperCase(Locale.ROOT);
        for (String prefix : excludedClasses) {
            if (wanted.startsWith(prefix.strip().toUpperCase(Locale.ROOT))) {
                throw new ProblemException(422, "CATEGORY_EXCLUDED", "Not bought this way",
                        "Books of class " + clcClass + " (" + prefix + ") are not bought for readers at bookstores",
                        List.of());
            }
        }
    }

    private String newBarcode(String library) {
        while (true) {
            long next = ((Number) em.createNativeQuery("SELECT nextval('acquisition_barcode_seq')")
                    .getSingleResult()).longValue();
            String barcode = String.format(Locale.ROOT, "%sP%07d", library, next);
            if (barcode.length() > 32) {
                barcode = library.substring(0, 16) + "P" + next;
            }
            if (copies.findByBarcode(barcode).isEmpty()) {
                return barcode;
            }
        }
    }
}
