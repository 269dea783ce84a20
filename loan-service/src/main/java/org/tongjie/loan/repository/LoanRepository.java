package org.tongjie.loan.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.loan.domain.Loan;
import org.tongjie.platform.rest.Page;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Loans by copy and patron. */
@ApplicationScoped
public class LoanRepository implements PanacheRepositoryBase<Loan, UUID> {

    /**
     * The copy's open loan. The status is written out, not bound, so that PostgreSQL's generic plan can use the
     * partial index of open loans; bound, it planned the statement anew at every check-in.
     */
    public Optional<Loan> openLoanOf(UUID copyId) {
        return find("copyId = ?1 and status = OPEN", copyId).firstResultOptional();
    }

    /** A copy's open loan and its reader, locked: see {@link #openLoanOfLockingPatron}. */
    public record OpenLoan(Loan loan, org.tongjie.loan.domain.Patron patron) {
    }

    /**
     * The copy's open loan with its reader locked, in one round trip. The copy must be locked by this transaction
     * already: its loans change only under that lock, so the loan read is current even when this statement waits
     * for the reader's lock (PostgreSQL then rereads the reader's row).
     */
    public Optional<OpenLoan> openLoanOfLockingPatron(UUID copyId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("SELECT {l.*}, {p.*} FROM loan l JOIN patron p"
                + " ON p.id = l.patron_id WHERE l.copy_id = ?1 AND l.status = 'OPEN' FOR UPDATE OF p")
                .unwrap(org.hibernate.query.NativeQuery.class).addSynchronizedEntityClass(Loan.class)
                .addSynchronizedEntityClass(org.tongjie.loan.domain.Patron.class).addEntity("l", Loan.class)
                .addEntity("p", org.tongjie.loan.domain.Patron.class).setParameter(1, copyId).getResultList();
        return rows.stream().findFirst()
                .map(row -> new OpenLoan((Loan) row[0], (org.tongjie.loan.domain.Patron) row[1]));
    }

    public long openLoansOf(UUID patronId) {
        return count("patronId = ?1 and status = ?2", patronId, Loan.Status.OPEN);
    }

    /** How many loans a patron has open, and how many of those are past their due time. */
    public record OpenLoans(long count, long overdue) {
    }

    /** The patron's open loans and overdue ones, counted in one statement (on the patron's open-loan index). */
    public OpenLoans openLoans(UUID patronId, java.time.Instant now) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery("SELECT count(*), count(*) FILTER (WHERE due_at"
                + " < ?2) FROM loan WHERE patron_id = ?1 AND status = 'OPEN'").setParameter(1, patronId)
                .setParameter(2, now).getSingleResult();
        return new OpenLoans(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    public Page<Loan> ofPatron(UUID patronId, Loan.Status status, int page, int size) {
        var query = status == null ? find("patronId", Sort.descending("loanedAt").and("id"), patronId)
                : find("patronId = ?1 and status = ?2", Sort.descending("loanedAt").and("id"), patronId, status);
        return new Page<>(query.page(page, size).list(), page, size, query.count());
    }
}
