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

    /**
     * What a check-in decides by: the copy's open loan (null when none) with its reader, locked, and the id of the
     * hold the copy goes to next, locked (null when none; see {@link HoldRepository#claimantOf}).
     */
    public record TakingIn(Loan loan, org.tongjie.loan.domain.Patron patron, UUID claimantHoldId) {
    }

    /**
     * The copy's open loan with its reader locked, and the hold it goes to next, in one round trip. The copy must be
     * locked by this transaction already: its loans and the hold it is promised to change only under that lock, so
     * both are read current even when this statement waits for the reader's lock (PostgreSQL then rereads the
     * reader's row and each waiting hold it locks; a hold placed meanwhile is as if placed after the check-in).
     */
    public TakingIn takingIn(org.tongjie.loan.domain.CirculationCopy copy, java.time.LocalDate today) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("WITH reader AS (SELECT p.* FROM loan l"
                + " JOIN patron p ON p.id = l.patron_id WHERE l.copy_id = ?1 AND l.status = 'OPEN' FOR UPDATE OF p), "
                + HoldRepository.CLAIMANT_CTES + " SELECT {l.*}, {p.*}, (SELECT id FROM (" + HoldRepository.CLAIMANT
                + ") claimant) AS claimant_id FROM (SELECT 1) one LEFT JOIN reader p ON true LEFT JOIN loan l"
                + " ON l.copy_id = ?1 AND l.status = 'OPEN'").unwrap(org.hibernate.query.NativeQuery.class)
                .addSynchronizedEntityClass(Loan.class).addSynchronizedEntityClass(org.tongjie.loan.domain.Patron.class)
                .addSynchronizedEntityClass(org.tongjie.loan.domain.Hold.class).addEntity("l", Loan.class)
                .addEntity("p", org.tongjie.loan.domain.Patron.class).addScalar("claimant_id", UUID.class)
                .setParameter(1, copy.copyId()).setParameter(2, copy.recordId()).setParameter(3, today)
                .setParameter(4, copy.withdrawnFromCatalog()).getResultList();
        Object[] row = rows.get(0);
        return new TakingIn((Loan) row[0], (org.tongjie.loan.domain.Patron) row[1], (UUID) row[2]);
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
