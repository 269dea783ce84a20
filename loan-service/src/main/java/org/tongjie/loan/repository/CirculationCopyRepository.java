package org.tongjie.loan.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.loan.domain.CirculationCopy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The circulation copies by id and barcode. */
@ApplicationScoped
public class CirculationCopyRepository implements PanacheRepositoryBase<CirculationCopy, UUID> {

    /** The copies of these ids that exist, managed, in one statement. */
    @SuppressWarnings("unchecked")
    public List<CirculationCopy> byIds(java.util.Collection<UUID> copyIds) {
        if (copyIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createNativeQuery("SELECT * FROM circulation_copy WHERE copy_id = ANY(?1)",
                CirculationCopy.class).setParameter(1, copyIds.toArray(UUID[]::new)).getResultList();
    }

    public Optional<CirculationCopy> findByBarcode(String barcode) {
        return find("barcode", barcode).firstResultOptional();
    }

    /** A copy locked for lending to a reader, with what the check-out decides by: see {@link #lockForLending}. */
    public record ForLending(CirculationCopy copy, LoanRepository.OpenLoans readersLoans, UUID waitingHoldId) {
    }

    /**
     * The copy, locked as {@link #lockByBarcode} does, with the reader's open and overdue loans counted (one pass
     * over their open loans, as {@link LoanRepository#openLoans}) and the id of their waiting hold on the copy's
     * record (null when none): one round trip for what were four. The reader must be locked by this transaction
     * already: their loans change only under that lock, so the counts are current even when this statement waits
     * for the copy's lock (PostgreSQL then rereads the copy, not the statement's snapshot).
     */
    public Optional<ForLending> lockForLending(String barcode, UUID patronId, java.time.Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("SELECT {c.*}, n.open_loans, n.overdue_loans,"
                + " (SELECT id FROM hold WHERE patron_id = ?2 AND record_id = c.record_id"
                + " AND status = 'OPEN_NOT_YET_FILLED' AND status LIKE 'OPEN%') AS waiting_hold_id"
                + " FROM circulation_copy c, LATERAL (SELECT count(*) AS open_loans, count(*) FILTER (WHERE due_at"
                + " < ?3) AS overdue_loans FROM loan WHERE patron_id = ?2 AND status = 'OPEN') n"
                + " WHERE c.barcode = ?1 FOR UPDATE OF c").unwrap(org.hibernate.query.NativeQuery.class)
                .addSynchronizedEntityClass(CirculationCopy.class)
                .addSynchronizedEntityClass(org.tongjie.loan.domain.Loan.class)
                .addSynchronizedEntityClass(org.tongjie.loan.domain.Hold.class)
                .addEntity("c", CirculationCopy.class).addScalar("open_loans", Long.class)
                .addScalar("overdue_loans", Long.class).addScalar("waiting_hold_id", UUID.class)
                .setParameter(1, barcode).setParameter(2, patronId).setParameter(3, now).getResultList();
        return rows.stream().findFirst().map(row -> new ForLending((CirculationCopy) row[0],
                new LoanRepository.OpenLoans((Long) row[1], (Long) row[2]), (UUID) row[3]));
    }

    /** The copy, locked until the transaction ends: whoever holds the lock decides its circulation. */
    public Optional<CirculationCopy> lockByBarcode(String barcode) {
        return find("barcode", barcode).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
