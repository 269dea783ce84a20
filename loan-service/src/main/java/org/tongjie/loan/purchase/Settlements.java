package org.tongjie.loan.purchase;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.rest.PagedQuery;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.time.Timestamps;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

/**
 * Monthly statements of what the library owes each partner bookstore (completed purchases by the month they
 * completed in, library time), and their settlement by the library's administrator.
 */
@ApplicationScoped
public class Settlements {

    private final EntityManager em;
    private final Purchases purchases;
    private final BookstoreAccessRules access;
    private final Caller caller;
    private final Clock clock;
    private final ZoneId zone;

    Settlements(EntityManager em, Purchases purchases, BookstoreAccessRules access, Caller caller, Clock clock,
            @ConfigProperty(name = "tongjie.circulation.zone") ZoneId zone) {
        this.em = em;
        this.purchases = purchases;
        this.access = access;
        this.caller = caller;
        this.clock = clock;
        this.zone = zone;
    }

    /** A month's totals and, once paid, who settled it and when. */
    public record Totals(Bookstore bookstore, YearMonth month, long purchases, long totalFen, Instant settledAt,
            String settledBy) {
    }

    public Totals totals(String bookstoreCode, YearMonth month) {
        Bookstore bookstore = purchases.bookstore(bookstoreCode);
        access.requireReader(bookstore);
        return totalsOf(bookstore, month);
    }

    /** One page of the month's purchases, oldest first. */
    public Page<Purchase> lines(String bookstoreCode, YearMonth month, int page, int size) {
        access.requireReader(purchases.bookstore(bookstoreCode));
        return PagedQuery.page(em, Purchase.class, "e.bookstoreCode = ?1 and e.status = ?2 and e.completedAt >= ?3"
                + " and e.completedAt < ?4", "e.completedAt, e.id", List.of(bookstoreCode, Purchase.Status.COMPLETED,
                start(month), start(month.plusMonths(1))), page, size);
    }

    /** Every purchase of the month, oldest first, read in batches (for the CSV export). */
    @Transactional
    public void eachLine(String bookstoreCode, YearMonth month, Consumer<Purchase> sink) {
        access.requireReader(purchases.bookstore(bookstoreCode));
        em.createQuery("from Purchase e where e.bookstoreCode = ?1 and e.status = ?2 and e.completedAt >= ?3"
                + " and e.completedAt < ?4 order by e.completedAt, e.id", Purchase.class)
                .setParameter(1, bookstoreCode).setParameter(2, Purchase.Status.COMPLETED)
                .setParameter(3, start(month)).setParameter(4, start(month.plusMonths(1)))
                .setHint("org.hibernate.fetchSize", 500).setHint("org.hibernate.readOnly", true)
                .getResultStream().forEach(purchase -> {
                    sink.accept(purchase);
                    em.detach(purchase);
                });
    }

    /**
     * Marks a finished month paid. The administrator states the count and total they are paying; if the
     * statement says otherwise nothing is settled (409), so what was paid is what was recorded.
     */
    @Transactional
    public Totals settle(String bookstoreCode, YearMonth month, long expectedPurchases, long expectedTotalFen) {
        Bookstore bookstore = purchases.bookstore(bookstoreCode);
        access.requireAdministratorOf(bookstore.libraryCode());
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "settlement:" + bookstoreCode).getSingleResult();
        if (!month.isBefore(YearMonth.now(clock.withZone(zone)))) {
            throw ProblemException.conflict("MONTH_NOT_OVER", month + " is not over yet; settle it from "
                    + month.plusMonths(1).atDay(1));
        }
        Totals totals = totalsOf(bookstore, month);
        if (totals.settledAt() != null) {
            throw ProblemException.conflict("ALREADY_SETTLED", month + " at " + bookstoreCode + " was settled at "
                    + totals.settledAt() + " by " + totals.settledBy());
        }
        if (totals.purchases() != expectedPurchases || totals.totalFen() != expectedTotalFen) {
            throw ProblemException.conflict("SETTLEMENT_TOTALS_DIFFER", "The statement has " + totals.purchases()
                    + " purchases for ¥" + Purchases.yuan(totals.totalFen()) + ", not " + expectedPurchases + " for "
                    + "¥" + Purchases.yuan(expectedTotalFen));
        }
        em.createNativeQuery("INSERT INTO bookstore_settlement (bookstore_code, month, purchases, total_fen,"
                + " settled_at, settled_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)").setParameter(1, bookstoreCode)
                .setParameter(2, month.toString()).setParameter(3, (int) totals.purchases())
                .setParameter(4, totals.totalFen()).setParameter(5, clock.instant())
                .setParameter(6, caller.subject()).executeUpdate();
        return new Totals(bookstore, month, totals.purchases(), totals.totalFen(), clock.instant(), caller.subject());
    }

    private Totals totalsOf(Bookstore bookstore, YearMonth month) {
        Object[] sums = (Object[]) em.createNativeQuery("SELECT count(*), coalesce(sum(price_fen), 0) FROM purchase"
                + " WHERE bookstore_code = ?1 AND status = 'COMPLETED' AND completed_at >= ?2 AND completed_at < ?3")
                .setParameter(1, bookstore.code()).setParameter(2, start(month))
                .setParameter(3, start(month.plusMonths(1))).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> settled = em.createNativeQuery("SELECT settled_at, settled_by FROM bookstore_settlement"
                + " WHERE bookstore_code = ?1 AND month = ?2").setParameter(1, bookstore.code())
                .setParameter(2, month.toString()).getResultList();
        Instant settledAt = settled.isEmpty() ? null : Timestamps.toInstant(settled.get(0)[0]);
        String settledBy = settled.isEmpty() ? null : (String) settled.get(0)[1];
        return new Totals(bookstore, month, ((Number) sums[0]).longValue(), ((Number) sums[1]).longValue(),
                settledAt, settledBy);
    }

    private Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }
}
