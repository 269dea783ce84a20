package org.tongjie.loan.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tongjie.loan.domain.CirculationCopy;
import org.tongjie.loan.domain.Loan;
import org.tongjie.loan.domain.LoanPolicy;
import org.tongjie.loan.domain.Patron;
import org.tongjie.loan.domain.ServicePointInfo;
import org.tongjie.loan.events.CopyStatusChanged;
import org.tongjie.loan.events.LoanEvent;
import org.tongjie.loan.domain.Hold;
import org.tongjie.loan.events.HoldChanged;
import org.tongjie.loan.repository.HoldRepository;
import org.tongjie.loan.repository.CirculationCopyRepository;
import org.tongjie.loan.repository.LoanRepository;
import org.tongjie.loan.repository.PatronRepository;
import org.tongjie.platform.outbox.Outbox;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Caller;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Check-out, check-in and renewal. Each locks the patron (then the copy) for its transaction, so one copy
 * is never lent twice and loan limits hold under concurrency; the unique open-loan index backs this up.
 */
@ApplicationScoped
public class Circulation {

    private final CirculationCopyRepository copies;
    private final PatronRepository patrons;
    private final LoanRepository loans;
    private final PolicyResolver policies;
    private final HoldRepository holds;
    private final CopyRouting routing;
    private final OpeningCalendar calendar;
    private final Outbox outbox;
    private final EntityManager em;
    private final Caller caller;
    private final ReaderScope readers;
    private final PatronBlocks blocks;
    private final Clock clock;
    private final ZoneId zone;
    private final CirculationIndicators indicators;
    private final ReferenceData reference;

    Circulation(CirculationCopyRepository copies, PatronRepository patrons, LoanRepository loans,
            PolicyResolver policies, HoldRepository holds, CopyRouting routing, OpeningCalendar calendar,
            Outbox outbox, EntityManager em, Caller caller, ReaderScope readers, PatronBlocks blocks, Clock clock,
            @ConfigProperty(name = "tongjie.circulation.zone") ZoneId zone, CirculationIndicators indicators,
            ReferenceData reference) {
        this.indicators = indicators;
        this.reference = reference;
        this.readers = readers;
        this.blocks = blocks;
        this.calendar = calendar;
        this.copies = copies;
        this.patrons = patrons;
        this.loans = loans;
        this.policies = policies;
        this.holds = holds;
        this.routing = routing;
        this.outbox = outbox;
        this.em = em;
        this.caller = caller;
        this.clock = clock;
        this.zone = zone;
    }

    /** What a check-in did and where the copy goes now. */
    public record CheckIn(CirculationCopy copy, Loan closedLoan, long fineFen, CirculationCopy.Routing routing,
            String holdFor, java.time.Instant pickupBy) {
    }

    @Transactional
    public Loan checkOut(String cardNumber, String barcode, String servicePointCode) {
        ServicePointInfo at = servicePoint(servicePointCode);
        if (!at.canLend()) {
            throw ProblemException.invalidField("SERVICE_POINT_CANNOT_LEND", "servicePointCode",
                    at.code() + " does not lend");
        }
        caller.requireActsFor(at.libraryCode());
        Patron patron = patrons.lockByCard(cardNumber).orElseThrow(() -> ProblemException.invalidField(
                "PATRON_NOT_FOUND", "cardNumber", "No patron with card " + cardNumber));
        CirculationCopyRepository.ForLending lending = copies.lockForLending(barcode, patron.id(), clock.instant())
                .orElseThrow(() -> copyNotFound(barcode));
        CirculationCopy copy = lending.copy();
        Hold filled = holdFilledBy(copy, patron, barcode, lending.waitingHoldId());
        LoanPolicy policy = policies.resolve(copy.libraryCode(), patron.patronType(), copy.loanType());
        if (!policy.lends()) {
            throw new ProblemException(422, "COPY_NOT_LOANABLE", "Copy not loanable",
                    "Copies of loan type " + copy.loanType() + " are for use in the library", List.of());
        }
        blocks.refuseToLend(patron, policy, lending.readersLoans());
        return lend(patron, copy, at, policy, filled);
    }

    /**
     * Lends a copy just bought for the reader at a partner bookstore, at the bookstore's service point. The
     * purchase rules (standing, limits) were checked when the purchase was accepted.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Loan lendBought(Patron patron, CirculationCopy copy, ServicePointInfo at) {
        return lend(patron, copy, at, policies.resolve(copy.libraryCode(), patron.patronType(), copy.loanType()),
                null);
    }

    private Loan lend(Patron patron, CirculationCopy copy, ServicePointInfo at, LoanPolicy policy, Hold filled) {
        Loan loan = Loan.open(copy, patron, at, policy, clock.instant(), zone,
                day -> calendar.nextOpenDay(at.libraryCode(), day));
        loans.persist(loan);
        copy.checkOut(clock.instant());
        if (filled != null) {
            filled.fill(clock.instant());
        }
        em.flush();
        if (filled != null) {
            outbox.add(HoldChanged.of(filled));
        }
        outbox.add(LoanEvent.opened(loan));
        outbox.add(CopyStatusChanged.of(copy, LocalDate.ofInstant(loan.dueAt(), zone)));
        indicators.lent(loan, copy, at, patron, filled);
        return loan;
    }

    @Transactional
    public CheckIn checkIn(String barcode, String servicePointCode) {
        ServicePointInfo at = servicePoint(servicePointCode);
        if (!at.canReturn()) {
            throw ProblemException.invalidField("SERVICE_POINT_CANNOT_RETURN", "servicePointCode",
                    at.code() + " does not take returns");
        }
        caller.requireActsFor(at.libraryCode());
        CirculationCopy copy = lockedCopy(barcode);
        LoanRepository.TakingIn taking = loans.takingIn(copy, LocalDate.ofInstant(clock.instant(), zone));
        if (copy.isInDelivery() && taking.loan() == null) {
            throw ProblemException.conflict("COPY_IN_DELIVERY", "Copy " + barcode + " belongs to a delivery shipment"
                    + " (" + copy.status() + "); the shipment's own scans move it");
        }
        return takeIn(copy, at, taking);
    }

    /**
     * Checks in a copy that arrived at a service point by courier (a return pickup), on the receiving library's
     * word: the same as a check-in at that desk. Returns null when the barcode is unknown to circulation.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CheckIn receiveReturned(String barcode, ServicePointInfo at) {
        CirculationCopy copy = copies.lockByBarcode(barcode).orElse(null);
        if (copy == null || copy.isInDelivery()) {
            return null;
        }
        return takeIn(copy, at, loans.takingIn(copy, LocalDate.ofInstant(clock.instant(), zone)));
    }

    /** Takes in the locked copy: closes its open loan, if any, and routes it to its claimant, if any. */
    private CheckIn takeIn(CirculationCopy copy, ServicePointInfo at, LoanRepository.TakingIn taking) {
        Loan loan = taking.loan();
        long fine = 0;
        if (loan != null) {
            Patron patron = taking.patron();
            LoanPolicy policy = policies.resolve(copy.libraryCode(), patron.patronType(), copy.loanType());
            fine = loan.close(at, policy, clock.instant(), zone);
            patron.charge(fine);
        }
        String before = copy.status() + "@" + copy.currentServicePointCode();
        Hold claimant = taking.claimantHoldId() == null ? null : em.find(Hold.class, taking.claimantHoldId());
        CirculationCopy.Routing routed = routing.route(copy, at, java.util.Optional.ofNullable(claimant));
        em.flush();
        if (loan != null) {
            outbox.add(LoanEvent.closed(loan));
            indicators.returned(loan, copy, at, fine);
        }
        if (!before.equals(copy.status() + "@" + copy.currentServicePointCode())) {
            outbox.add(CopyStatusChanged.of(copy, null));
        }
        String holdFor = null;
        java.time.Instant pickupBy = null;
        if (routed == CirculationCopy.Routing.HOLD_SHELF_HERE) {
            holdFor = em.find(Patron.class, claimant.patronId()).cardNumber();
            pickupBy = claimant.pickupBy();
        }
        return new CheckIn(copy, loan, fine, routed, holdFor, pickupBy);
    }

    /** Renews the open loan of a copy, for the patron who has it or for staff. */
    @Transactional
    public Loan renew(String barcode) {
        CirculationCopy copy = copies.findByBarcode(barcode).orElseThrow(() -> copyNotFound(barcode));
        Loan loan = loans.openLoanOf(copy.copyId()).orElseThrow(() -> ProblemException.conflict("COPY_NOT_ON_LOAN",
                "Copy " + barcode + " is not on loan"));
        Patron patron = em.find(Patron.class, loan.patronId(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (readers.hidesCard(patron.cardNumber())) {
            throw ProblemException.notFound("COPY_NOT_ON_LOAN", "You have no loan of copy " + barcode);
        }
        em.lock(loan, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        LoanPolicy policy = policies.resolve(copy.libraryCode(), patron.patronType(), copy.loanType());
        blocks.refuseIfBlocked(patron, policy);
        if (holds.anyWaiting(copy.recordId(), LocalDate.ofInstant(clock.instant(), zone))) {
            throw new ProblemException(422, "RENEWAL_REFUSED_HOLDS_WAITING", "Renewal refused",
                    "Other readers are waiting for this title", List.of());
        }
        String refusal = loan.refusalToRenew(policy);
        if (refusal != null) {
            throw new ProblemException(422, refusal, "Renewal refused",
                    "Renewed " + loan.renewals() + " of " + policy.renewalsAllowed() + " times allowed", List.of());
        }
        String lendingLibrary = reference.servicePoint(loan.checkoutServicePoint()).orElseThrow().libraryCode();
        loan.renew(policy, clock.instant(), zone, day -> calendar.nextOpenDay(lendingLibrary, day));
        copy.dueDateMoved(clock.instant());
        em.flush();
        outbox.add(LoanEvent.renewed(loan));
        indicators.renewed(loan, lendingLibrary, clock.instant());
        outbox.add(CopyStatusChanged.of(copy, LocalDate.ofInstant(loan.dueAt(), zone)));
        return loan;
    }

    /**
     * The hold this check-out fills, after checking the copy may go to this patron: a copy on the hold shelf
     * only to the reader it waits for; an available copy to anyone (filling their own waiting hold on it).
     */
    private Hold holdFilledBy(CirculationCopy copy, Patron patron, String barcode, java.util.UUID waitingHoldId) {
        if (copy.status() == org.tongjie.loan.domain.CirculationStatus.AWAITING_PICKUP) {
            Hold promised = holds.promisedTo(copy.copyId()).orElse(null);
            if (promised != null && !promised.patronId().equals(patron.id())) {
                throw ProblemException.conflict("COPY_ON_HOLD_FOR_ANOTHER_PATRON",
                        "Copy " + barcode + " waits on the hold shelf for another reader");
            }
            return promised;
        }
        if (!copy.isLendable()) {
            throw ProblemException.conflict("COPY_NOT_AVAILABLE", "Copy " + barcode + " is " + copy.status());
        }
        return waitingHoldId == null ? null : em.find(Hold.class, waitingHoldId);
    }

    private ServicePointInfo servicePoint(String code) {
        return reference.servicePoint(code).orElseThrow(() -> ProblemException.invalidField("SERVICE_POINT_UNKNOWN",
                "servicePointCode", "No service point " + code));
    }

    private CirculationCopy lockedCopy(String barcode) {
        return copies.lockByBarcode(barcode).orElseThrow(() -> copyNotFound(barcode));
    }

    private static ProblemException copyNotFound(String barcode) {
        return ProblemException.invalidField("COPY_NOT_FOUND", "barcode", "No copy " + barcode);
    }
}
