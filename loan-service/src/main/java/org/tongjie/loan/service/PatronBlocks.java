package org.tongjie.loan.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.loan.domain.LoanPolicy;
import org.tongjie.loan.domain.Patron;
import org.tongjie.loan.repository.LoanRepository;

import org.tongjie.platform.problem.ProblemException;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Why a reader may not borrow, renew or place holds now: unpaid fines, or too many overdue items. */
@ApplicationScoped
public class PatronBlocks {

    private final LoanRepository loans;
    private final PolicyResolver policies;
    private final Clock clock;

    PatronBlocks(LoanRepository loans, PolicyResolver policies, Clock clock) {
        this.loans = loans;
        this.policies = policies;
        this.clock = clock;
    }

    /** What blocks the reader now under their home library's general policy; empty when nothing does. */
    public List<String> current(Patron patron) {
        return reason(patron, policies.resolve(patron.homeLibrary(), patron.patronType(), null)).stream().toList();
    }

    /** Refuses (422 PATRON_BLOCKED) a reader who is blocked under the policy. */
    public void refuseIfBlocked(Patron patron, LoanPolicy policy) {
        reason(patron, policy).ifPresent(reason -> {
            throw new ProblemException(422, "PATRON_BLOCKED", "Patron blocked", reason, List.of());
        });
    }

    /**
     * Refuses another loan to a reader who is blocked under the policy (422 PATRON_BLOCKED) or has as many loans as
     * it allows (422 LOAN_LIMIT_REACHED): one query for both.
     */
    public void refuseToLend(Patron patron, LoanPolicy policy) {
        refuseToLend(patron, policy, loans.openLoans(patron.id(), clock.instant()));
    }

    /** As {@link #refuseToLend(Patron, LoanPolicy)}, with the reader's loans already counted under their lock. */
    public void refuseToLend(Patron patron, LoanPolicy policy, LoanRepository.OpenLoans open) {
        reason(patron, policy, open.overdue()).ifPresent(reason -> {
            throw new ProblemException(422, "PATRON_BLOCKED", "Patron blocked", reason, List.of());
        });
        if (open.count() >= policy.maxLoans()) {
            throw new ProblemException(422, "LOAN_LIMIT_REACHED", "Loan limit reached",
                    "Patron already has " + policy.maxLoans() + " loans", List.of());
        }
    }

    /** The reason the reader is blocked under the policy, for the PATRON_BLOCKED refusal; empty when not. */
    public Optional<String> reason(Patron patron, LoanPolicy policy) {
        long overdue = patron.isBlockedBy(policy) ? 0 : loans.openLoans(patron.id(), clock.instant()).overdue();
        return reason(patron, policy, overdue);
    }

    private static Optional<String> reason(Patron patron, LoanPolicy policy, long overdue) {
        if (patron.isBlockedBy(policy)) {
            return Optional.of("Unpaid fines of " + patron.fineBalanceFen() / 100.0 + " yuan block borrowing");
        }
        if (policy.blocksAtOverdueItems(overdue)) {
            return Optional.of(overdue + " overdue items block borrowing until some are returned");
        }
        return Optional.empty();
    }
}
