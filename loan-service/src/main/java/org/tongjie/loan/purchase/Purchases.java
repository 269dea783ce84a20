package org.tongjie.loan.purchase;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.tongjie.loan.domain.CirculationCopy;
import org.tongjie.loan.domain.Loan;
import org.tongjie.loan.domain.LoanPolicy;
import org.tongjie.loan.domain.Patron;
import org.tongjie.loan.domain.ServicePointInfo;
import org.tongjie.loan.repository.PatronRepository;
import org.tongjie.loan.service.Circulation;
import org.tongjie.loan.service.CopyProjection;
import org.tongjie.loan.service.PatronBlocks;
import org.tongjie.loan.service.PolicyResolver;
import org.tongjie.platform.library.Isbn;
import org.tongjie.platform.outbox.Outbox;
import org.tongjie.platform.problem.ProblemException;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * 你选书·我买单 at the counter of a partner bookstore. A purchase is accepted in three steps, so that it is all or
 * nothing without holding a database transaction open across services:
 * <ol>
 * <li>the library's rules are checked with the reader locked, and the purchase recorded PENDING (this reserves
 *     the reader's monthly quota and the ISBN);</li>
 * <li>catalog-service matches or creates the record and makes a provisional copy with a new barcode (invisible
 *     to everyone, idempotent on the purchase);</li>
 * <li>the copy enters circulation and is lent to the reader, and the purchase COMPLETED, in one transaction
 *     with their events.</li>
 * </ol>
 * A refusal at step 2 forgets the purchase. A failure to reach the catalog leaves it PENDING: the bookstore sends
 * the same receipt again and the purchase resumes; one never resumed is abandoned after a while, and the catalog
 * discards its provisional copy.
 */
@ApplicationScoped
public class Purchases {

    private static final Logger LOG = Logger.getLogger(Purchases.class);
    private static final String LOAN_TYPE = "STANDARD";

    private final EntityManager em;
    private final PatronRepository patrons;
    private final PolicyResolver policies;
    private final PatronBlocks blocks;
    private final CopyProjection projection;
    private final Circulation circulation;
    private final CatalogAcquisitions catalog;
    private final Outbox outbox;
    private final BookstoreAccessRules access;
    private final JsonWebToken token;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration abandonAfter;

    Purchases(EntityManager em, PatronRepository patrons, PolicyResolver policies,
            PatronBlocks blocks, CopyProjection projection, Circulation circulation, CatalogAcquisitions catalog,
            Outbox outbox, BookstoreAccessRules access, JsonWebToken token, Clock clock,
            @ConfigProperty(name = "tongjie.circulation.zone") ZoneId zone,
            @ConfigProperty(name = "tongjie.purchases.abandon-after", defaultValue = "PT10M") Duration abandonAfter) {
        this.em = em;
        this.patrons = patrons;
        this.policies = policies;
        this.blocks = blocks;
        this.projection = projection;
        this.circulation = circulation;
        this.catalog = catalog;
        this.outbox = outbox;
        this.access = access;
        this.token = token;
        this.clock = clock;
        this.zone = zone;
        this.abandonAfter = abandonAfter;
    }

    /** The purchase, and whether it had already been made with this receipt (a repeated request). */
    public record Outcome(Purchase purchase, boolean repeated) {
    }

    /** What the bookstore sends for a book a reader picked. */
    public record Order(String receiptNumber, String cardNumber, String isbn, long priceFen, String title,
            List<String> authors, String publisher, Integer publicationYear, String clcClass) {
    }

    private record Reservation(Purchase purchase, Bookstore bookstore, PurchaseRules rules, boolean repeated) {
    }

    /** Buys the book for the reader and lends it at once, or refuses; the receipt number makes it idempotent. */
    public Outcome buy(String bookstoreCode, Order order) {
        Reservation reservation = QuarkusTransaction.requiringNew().call(() -> reserve(bookstoreCode, order));
        Purchase purchase = reservation.purchase();
        if (purchase.status() == Purchase.Status.COMPLETED) {
            return new Outcome(purchase, true);
        }
        CatalogClient.Acquisition copy;
        try {
            copy = catalog.acquire(purchase.libraryCode(), "Bearer " + token.getRawToken(),
                    acquisitionOf(purchase, reservation, order));
        } catch (ProblemException refusal) {
            QuarkusTransaction.requiringNew().run(() -> forget(purchase.id()));
            throw refusal;
        } catch (RuntimeException unreachable) {
            LOG.warnf("Purchase %s (receipt %s) left pending: catalog-service did not answer: %s", purchase.id(),
                    purchase.receiptNumber(), unreachable.toString());
            throw new ProblemException(503, "CATALOG_UNAVAILABLE", "Purchase not finished", "The catalog did not "
                    + "answer, so the purchase is not finished. Send the same request again with the same receipt "
                    + "number to finish it; unfinished purchases are abandoned after " + abandonAfter.toMinutes()
                    + " minutes.", List.of());
        }
        Purchase done = QuarkusTransaction.requiringNew().call(() -> complete(purchase.id(), copy));
        return new Outcome(done, reservation.repeated());
    }

    /** A purchase by its receipt, for the bookstore itself or the library's staff. */
    public Purchase byReceipt(String bookstoreCode, String receiptNumber) {
        access.requireReader(bookstore(bookstoreCode));
        return receipt(bookstoreCode, receiptNumber, LockModeType.NONE).orElseThrow(() -> ProblemException.notFound(
                "PURCHASE_NOT_FOUND", "No purchase with receipt "
                        + receiptNumber + " at " + bookstoreCode));
    }

    private Reservation reserve(String bookstoreCode, Order order) {
        Bookstore bookstore = bookstore(bookstoreCode);
        access.requireBookstoreItself(bookstore);
        if (!bookstore.active()) {
            throw ProblemException.conflict("BOOKSTORE_INACTIVE", "The library has paused purchases at "
                    + bookstore.name());
        }
        String isbn = Isbn.toIsbn13(order.isbn()).orElseThrow(() -> ProblemException.invalidField("INVALID_ISBN",
                "isbn", "Not a valid ISBN-10 or ISBN-13: " + order.isbn()));
        Patron patron = patrons.lockByCard(order.cardNumber()).orElseThrow(() -> ProblemException.invalidField(
                "PATRON_NOT_FOUND", "cardNumber", "No reader with card " + order.cardNumber()));
        Purchase earlier = receipt(bookstoreCode, order.receiptNumber(), LockModeType.PESSIMISTIC_WRITE)
                .orElse(null);
        PurchaseRules rules = em.find(PurchaseRules.class, bookstore.libraryCode());
        if (earlier != null) {
            return repeated(earlier, order, isbn, bookstore, rules);
        }
        if (rules == null) {
            throw ProblemException.conflict("PURCHASES_NOT_OFFERED", "Library " + bookstore.libraryCode()
                    + " has not set rules for bookstore purchases");
        }
        refuseByRules(order, isbn, patron, bookstore, rules);
        Purchase purchase = Purchase.pending(bookstore, order.receiptNumber(), patron, isbn, order.priceFen(),
                order.title(), clock.instant());
        em.persist(purchase);
        try {
            em.flush();
        } catch (ConstraintViolationException e) {
            throw receiptReused(order.receiptNumber());
        }
        return new Reservation(purchase, bookstore, rules, false);
    }

    private java.util.Optional<Purchase> receipt(String bookstoreCode, String receiptNumber, LockModeType lock) {
        return em.createQuery("from Purchase where bookstoreCode = ?1 and receiptNumber = ?2", Purchase.class)
                .setParameter(1, bookstoreCode).setParameter(2, receiptNumber).setLockMode(lock).getResultList()
                .stream().findFirst();
    }

    private Reservation repeated(Purchase earlier, Order order, String isbn, Bookstore bookstore,
            PurchaseRules rules) {
        if (!earlier.sameAs(order.cardNumber(), isbn, order.priceFen())) {
            throw receiptReused(order.receiptNumber());
        }
        if (earlier.status() == Purchase.Status.ABANDONED) {
            throw ProblemException.conflict("PURCHASE_ABANDONED", "The purchase with receipt "
                    + order.receiptNumber() + " was never finished and has been abandoned; nothing was bought. "
                    + "Start again with a new receipt number.");
        }
        if (rules == null && earlier.status() == Purchase.Status.PENDING) {
            throw ProblemException.conflict("PURCHASES_NOT_OFFERED", "Library " + bookstore.libraryCode()
                    + " no longer has rules for bookstore purchases");
        }
        return new Reservation(earlier, bookstore, rules, true);
    }

    /** The library's rules, most specific to the reader first; each refusal has its own code. */
    private void refuseByRules(Order order, String isbn, Patron patron, Bookstore bookstore, PurchaseRules rules) {
        if (order.priceFen() > rules.priceCapFen()) {
            throw ProblemException.invalidField("PRICE_OVER_CAP", "priceFen", "The library buys books up to ¥"
                    + yuan(rules.priceCapFen()) + "; this one costs ¥" + yuan(order.priceFen()));
        }
        LoanPolicy policy = policies.resolve(bookstore.libraryCode(), patron.patronType(), LOAN_TYPE);
        blocks.refuseToLend(patron, policy);
        var monthStart = LocalDate.ofInstant(clock.instant(), zone).withDayOfMonth(1).atStartOfDay(zone).toInstant();
        long thisMonth = em.createQuery("select count(p) from Purchase p where p.patronId = ?1 and p.libraryCode = ?2"
                + " and p.status <> ?3 and p.createdAt >= ?4", Long.class).setParameter(1, patron.id())
                .setParameter(2, bookstore.libraryCode()).setParameter(3, Purchase.Status.ABANDONED)
                .setParameter(4, monthStart).getSingleResult();
        if (thisMonth >= rules.monthlyQuota()) {
            throw new ProblemException(422, "MONTHLY_QUOTA_REACHED", "Monthly quota reached", "The reader has "
                    + "already picked " + thisMonth + " books this month (" + rules.monthlyQuota() + " allowed)",
                    List.of());
        }
        boolean bought = em.createQuery("select count(p) from Purchase p where p.libraryCode = ?1 and p.patronId = ?2"
                + " and p.isbn = ?3 and p.status <> ?4", Long.class).setParameter(1, bookstore.libraryCode())
                .setParameter(2, patron.id()).setParameter(3, isbn).setParameter(4, Purchase.Status.ABANDONED)
                .getSingleResult() > 0;
        if (bought) {
            throw ProblemException.invalidField("ALREADY_BOUGHT_FOR_READER", "isbn", "The library has already "
                    + "bought ISBN " + isbn + " for this reader");
        }
    }

    private CatalogClient.AcquisitionRequest acquisitionOf(Purchase purchase, Reservation reservation, Order order) {
        PurchaseRules rules = reservation.rules();
        return new CatalogClient.AcquisitionRequest(purchase.id(), purchase.bookstoreCode(),
                reservation.bookstore().servicePointCode(), purchase.isbn(), order.title(), order.authors(),
                order.publisher(), order.publicationYear(), order.clcClass(), rules.maxNetworkCopies(),
                rules.excludedClasses());
    }

    /** The catalog refused: nothing was bought, and the receipt may be sent again (corrected). */
    private void forget(UUID purchaseId) {
        Purchase purchase = em.find(Purchase.class, purchaseId, LockModeType.PESSIMISTIC_WRITE);
        if (purchase != null && purchase.status() == Purchase.Status.PENDING) {
            outbox.add(PurchaseEvent.abandoned(purchase));
            em.remove(purchase);
        }
    }

    private Purchase complete(UUID purchaseId, CatalogClient.Acquisition copy) {
        Purchase purchase = em.find(Purchase.class, purchaseId, LockModeType.PESSIMISTIC_WRITE);
        if (purchase == null || purchase.status() == Purchase.Status.ABANDONED) {
            throw ProblemException.conflict("PURCHASE_ABANDONED", "The purchase was abandoned before it finished; "
                    + "nothing was bought. Start again with a new receipt number.");
        }
        if (purchase.status() == Purchase.Status.COMPLETED) {
            return purchase;
        }
        Bookstore bookstore = em.find(Bookstore.class, purchase.bookstoreCode());
        projection.register(new CirculationCopy.CatalogFacts(copy.copyId(), copy.barcode(), copy.recordId(),
                copy.title(), copy.libraryCode(), copy.homeServicePointCode(), copy.loanType(), copy.copyVersion()));
        CirculationCopy circulating = em.find(CirculationCopy.class, copy.copyId(), LockModeType.PESSIMISTIC_WRITE);
        Patron patron = em.find(Patron.class, purchase.patronId(), LockModeType.PESSIMISTIC_WRITE);
        ServicePointInfo at = em.find(ServicePointInfo.class, bookstore.servicePointCode());
        Loan loan = circulation.lendBought(patron, circulating, at);
        purchase.complete(loan, copy.title(), copy.callNumber(), clock.instant());
        em.flush();
        outbox.add(PurchaseEvent.purchased(purchase, at.code(), LocalDate.ofInstant(loan.dueAt(), zone),
                circulating.version()));
        return purchase;
    }

    /** Purchases left PENDING (the catalog never answered and the bookstore never retried) are abandoned. */
    @Scheduled(every = "${tongjie.purchases.sweep-every:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void abandonUnfinished() {
        List<UUID> stale = em.createQuery("select p.id from Purchase p where p.status = ?1 and p.createdAt < ?2"
                + " order by p.createdAt", UUID.class).setParameter(1, Purchase.Status.PENDING)
                .setParameter(2, clock.instant().minus(abandonAfter)).setMaxResults(200).getResultList();
        for (UUID id : stale) {
            QuarkusTransaction.requiringNew().run(() -> {
                Purchase purchase = em.find(Purchase.class, id, LockModeType.PESSIMISTIC_WRITE);
                if (purchase != null && purchase.status() == Purchase.Status.PENDING) {
                    purchase.abandon(clock.instant());
                    outbox.add(PurchaseEvent.abandoned(purchase));
                    LOG.infof("Purchase %s (receipt %s at %s) abandoned unfinished", id, purchase.receiptNumber(),
                            purchase.bookstoreCode());
                }
            });
        }
    }

    Bookstore bookstore(String code) {
        Bookstore bookstore = em.find(Bookstore.class, code);
        if (bookstore == null) {
            throw ProblemException.notFound("BOOKSTORE_NOT_FOUND", "No partner bookstore " + code);
        }
        return bookstore;
    }

    private static ProblemException receiptReused(String receipt) {
        return ProblemException.conflict("RECEIPT_REUSED", "Receipt " + receipt + " was already used for another "
                + "purchase (another reader, book or price)");
    }

    /** An amount in fen as yuan, e.g. 3980 → {@code 39.80}. */
    public static String yuan(long fen) {
        return String.format(java.util.Locale.ROOT, "%d.%02d", fen / 100, fen % 100);
    }
}
