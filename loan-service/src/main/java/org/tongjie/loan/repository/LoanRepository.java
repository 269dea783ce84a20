package org.tongjie.loan.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.loan.domain.Loan;
import org.tongjie.platform.rest.Page;

import java.util.Optional;
import java.util.UUID;

/** Loans by copy and patron. */
@ApplicationScoped
public class LoanRepository implements PanacheRepositoryBase<Loan, UUID> {

    public Optional<Loan> openLoanOf(UUID copyId) {
        return find("copyId = ?1 and status = ?2", copyId, Loan.Status.OPEN).firstResultOptional();
    }

    public long openLoansOf(UUID patronId) {
        return count("patronId = ?1 and status = ?2", patronId, Loan.Status.OPEN);
    }

    /** Open loans of the patron already past their due time. */
    public long overdueLoansOf(UUID patronId, java.time.Instant now) {
        return count("patronId = ?1 and status = ?2 and dueAt < ?3", patronId, Loan.Status.OPEN, now);
    }

    public Page<Loan> ofPatron(UUID patronId, Loan.Status status, int page, int size) {
        var query = status == null ? find("patronId", Sort.descending("loanedAt").and("id"), patronId)
                : find("patronId = ?1 and status = ?2", Sort.descending("loanedAt").and("id"), patronId, status);
        return new Page<>(query.page(page, size).list(), page, size, query.count());
    }
}
