package org.tongjie.loan.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.tongjie.loan.domain.CirculationCopy;
import org.tongjie.loan.domain.Hold;
import org.tongjie.loan.domain.Loan;
import org.tongjie.loan.domain.Patron;
import org.tongjie.loan.domain.ServicePointInfo;
import org.tongjie.platform.indicators.Indicators;

import java.time.Duration;
import java.time.Instant;

/**
 * What circulation counts for the network's indicators, named once: loans by the lending library with the copy's
 * owner as counterpart (so 通借通还 shows), returns, renewals, holds and their time to fill, registrations, fines.
 */
@ApplicationScoped
public class CirculationIndicators {

    public static final String LOANS = "loans";
    public static final String ACTIVE_PATRONS = "patrons.active";
    public static final String RETURNS = "returns";
    public static final String RETURNS_LATE = "returns.late";
    public static final String RENEWALS = "renewals";
    public static final String LOANS_OVERDUE = "loans.overdue";
    public static final String PATRONS = "patrons";
    public static final String REGISTRATIONS = "patrons.registered";
    public static final String HOLDS_PLACED = "holds.placed";
    public static final String HOLDS_FILLED = "holds.filled";
    public static final String HOLD_TIME_TO_FILL = "holds.timeToFill";
    public static final String HOLDS_EXPIRED = "holds.expired";
    public static final String HOLDS_CANCELLED = "holds.cancelled";
    public static final String FINES_ACCRUED = "fines.accruedFen";
    public static final String FINES_PAID = "fines.paidFen";

    private final Indicators indicators;
    private final EntityManager em;

    CirculationIndicators(Indicators indicators, EntityManager em) {
        this.indicators = indicators;
        this.em = em;
    }

    /** A loan made at {@code at} (a desk, a bookstore, or the library that sent a delivery). */
    public void lent(Loan loan, CirculationCopy copy, ServicePointInfo at, Patron patron, Hold filled) {
        indicators.count(at.libraryCode(), copy.libraryCode(), LOANS, loan.loanedAt(), 1);
        indicators.member(at.libraryCode(), ACTIVE_PATRONS, loan.loanedAt(), patron.id());
        if (filled != null && filled.deliveryOrderId() == null) {
            String pickupLibrary = libraryOf(filled.pickupServicePoint(), at.libraryCode());
            indicators.count(pickupLibrary, HOLDS_FILLED, loan.loanedAt());
            indicators.duration(pickupLibrary, HOLD_TIME_TO_FILL, loan.loanedAt(),
                    Duration.between(filled.requestedAt(), loan.loanedAt()));
        }
    }

    /** A loan closed at {@code at}; {@code fineFen} is what the return added to the fine. */
    public void returned(Loan loan, CirculationCopy copy, ServicePointInfo at, long fineFen) {
        indicators.count(at.libraryCode(), copy.libraryCode(), RETURNS, loan.returnedAt(), 1);
        if (loan.returnedAt().isAfter(loan.dueAt())) {
            indicators.count(at.libraryCode(), RETURNS_LATE, loan.returnedAt());
        }
        finesAccrued(copy, loan.returnedAt(), fineFen);
    }

    public void renewed(Loan loan, String lendingLibrary, Instant at) {
        indicators.count(lendingLibrary, RENEWALS, at);
    }

    public void fellOverdue(CirculationCopy copy, Instant at) {
        indicators.count(copy.libraryCode(), LOANS_OVERDUE, at);
    }

    /** Fines belong to the library that owns the copy. */
    public void finesAccrued(CirculationCopy copy, Instant at, long fen) {
        if (fen > 0) {
            indicators.count(copy.libraryCode(), null, FINES_ACCRUED, at, fen);
        }
    }

    /** A payment taken, counted at the reader's home library. */
    public void finePaid(Patron patron, Instant at, long fen) {
        if (fen > 0) {
            indicators.count(patron.homeLibrary(), null, FINES_PAID, at, fen);
        }
    }

    public void registered(Patron patron, Instant at) {
        indicators.count(patron.homeLibrary(), REGISTRATIONS, at);
        indicators.stock(patron.homeLibrary(), PATRONS, at, 1);
    }

    /** A title-level hold placed, filled elsewhere than a check-out, expired or cancelled (delivery holds aside). */
    public void hold(Hold hold, String metric, Instant at) {
        if (hold.deliveryOrderId() == null) {
            indicators.count(libraryOf(hold.pickupServicePoint(), null), metric, at);
        }
    }

    private String libraryOf(String servicePointCode, String otherwise) {
        ServicePointInfo point = servicePointCode == null ? null : em.find(ServicePointInfo.class, servicePointCode);
        return point == null ? otherwise : point.libraryCode();
    }
}
