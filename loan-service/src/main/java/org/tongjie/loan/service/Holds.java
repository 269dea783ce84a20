package org.tongjie.loan.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;
import org.tongjie.loan.domain.CirculationCopy;
import org.tongjie.loan.domain.Hold;
import org.tongjie.loan.domain.HoldStatus;
import org.tongjie.loan.domain.LoanPolicy;
import org.tongjie.loan.domain.Patron;
import org.tongjie.loan.domain.ServicePointInfo;
import org.tongjie.loan.events.CopyStatusChanged;
import org.tongjie.loan.events.HoldChanged;
import org.tongjie.loan.repository.HoldRepository;
import org.tongjie.loan.repository.PatronRepository;
import org.tongjie.platform.outbox.Outbox;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Placing, cancelling and expiring title-level holds. */
@ApplicationScoped
public class Holds {

    private static final int CANDIDATES = 50;

    private final HoldRepository holds;
    private final PatronRepository patrons;
    private final PolicyResolver policies;
    private final CopyRouting routing;
    private final Outbox outbox;
    private final EntityManager em;
    private final Caller caller;
    private final ReaderScope readers;
    private final PatronBlocks blocks;
    private final Clock clock;
    private final CirculationIndicators indicators;

    Holds(HoldRepository holds, PatronRepository patrons, PolicyResolver policies, CopyRouting routing, Outbox outbox,
            EntityManager em, Caller caller, ReaderScope readers, PatronBlocks blocks, Clock clock,
            CirculationIndicators indicators) {
        this.indicators = indicators;
        this.readers = readers;
        this.blocks = blocks;
        this.holds = holds;
        this.patrons = patrons;
        this.policies = policies;
        this.routing = routing;
        this.outbox = outbox;
        this.em = em;
        this.caller = caller;
        this.clock = clock;
    }

    /**
     * Places a hold for a reader (themselves, or one named by staff) and promises it the best available copy,
     * if there is one; otherwise it waits in the record's queue.
     */
    @Transactional
    public Hold place(String cardNumber, UUID recordId, String pickupCode) {
        String card = caller.hasRole(Roles.PATRON) ? caller.subject() : cardNumber;
        if (card == null) {
            throw ProblemException.invalidField("CARD_NUMBER_REQUIRED", "cardNumber", "Say whose hold this is");
        }
        ServicePointInfo pickup = em.find(ServicePointInfo.class, pickupCode);
        if (pickup == null || !pickup.holdPickup()) {
            throw ProblemException.invalidField("PICKUP_POINT_UNKNOWN", "pickupServicePointCode",
                    pickupCode + " is not a service point that keeps holds");
        }
        if (!caller.hasRole(Roles.PATRON)) {
            caller.requireActsFor(pickup.libraryCode());
        }
        Patron patron = patrons.lockByCard(card).orElseThrow(() -> ProblemException.invalidField("PATRON_NOT_FOUND",
                "cardNumber", "No patron with card " + card));
        long copies = (Long) em.createQuery("select count(c) from CirculationCopy c where c.recordId = ?1"
                + " and c.withdrawnFromCatalog = false").setParameter(1, recordId).getSingleResult();
        if (copies == 0) {
            throw ProblemException.invalidField("RECORD_HAS_NO_COPIES", "recordId",
                    "No library of the network holds a copy of " + recordId);
        }
        if (holds.openHoldOf(patron.id(), recordId).isPresent()) {
            throw ProblemException.conflict("DUPLICATE_HOLD", "You already have a hold on this record");
        }
        LoanPolicy policy = policies.resolve(patron.homeLibrary(), patron.patronType(), null);
        blocks.refuseIfBlocked(patron, policy);
        if (holds.openHoldsOf(patron.id()) >= policy.terms().maxHolds()) {
            throw new ProblemException(422, "HOLD_LIMIT_REACHED", "Hold limit reached",
                    "At most " + policy.terms().maxHolds() + " open holds", List.of());
        }
        Hold hold = Hold.place(recordId, patron, pickup, clock.instant());
        try {
            holds.persistAndFlush(hold);
        } catch (ConstraintViolationException e) {
            throw ProblemException.conflict("DUPLICATE_HOLD", "You already have a hold on this record");
        }
        outbox.add(HoldChanged.of(hold));
        indicators.hold(hold, CirculationIndicators.HOLDS_PLACED, hold.requestedAt());
        promiseBestCopy(hold, pickup);
        return hold;
    }

    /**
     * Suspends a waiting hold until a date (its place in the queue is kept), or resumes it with null. A hold
     * that already has a copy promised cannot be suspended.
     */
    @Transactional
    public Hold suspend(UUID holdId, java.time.LocalDate until) {
        Hold hold = visible(holdId);
        em.lock(hold, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (hold.status() != HoldStatus.OPEN_NOT_YET_FILLED) {
            throw ProblemException.conflict("HOLD_NOT_SUSPENDABLE", "Only a hold still waiting for a copy can be "
                    + "suspended; this one is " + hold.status());
        }
        hold.suspendUntil(until);
        em.flush();
        outbox.add(HoldChanged.of(hold));
        return hold;
    }

    /** Cancels an open hold; a copy waiting on the hold shelf for it goes on to the next reader or home. */
    @Transactional
    public Hold cancel(UUID holdId) {
        Hold hold = visible(holdId);
        if (!hold.status().isOpen()) {
            return hold;
        }
        if (hold.deliveryOrderId() != null) {
            throw ProblemException.conflict("HOLD_PART_OF_DELIVERY_ORDER", "This hold belongs to delivery order "
                    + hold.deliveryOrderId() + "; cancel the order instead");
        }
        CirculationCopy waiting = hold.status() == HoldStatus.OPEN_AWAITING_PICKUP
                ? em.find(CirculationCopy.class, hold.copyId(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                : null;
        hold.cancel(clock.instant());
        em.flush();
        outbox.add(HoldChanged.of(hold));
        indicators.hold(hold, CirculationIndicators.HOLDS_CANCELLED, clock.instant());
        if (waiting != null) {
            moveOn(waiting);
        }
        return hold;
    }

    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "1m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = io.quarkus.scheduler.Scheduled.ApplicationNotRunning.class)
    void hourly() {
        expireUncollected();
    }

    /** Closes holds whose pickup date passed; their copies go on to the next reader or home. */
    @Transactional
    public int expireUncollected() {
        List<Hold> expired = holds.expiredOnShelf(clock.instant(), 500);
        for (Hold hold : expired) {
            CirculationCopy copy = em.find(CirculationCopy.class, hold.copyId(),
                    jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            hold.expire(clock.instant());
            em.flush();
            outbox.add(HoldChanged.of(hold));
            indicators.hold(hold, CirculationIndicators.HOLDS_EXPIRED, clock.instant());
            moveOn(copy);
        }
        return expired.size();
    }

    /** A hold its reader or any staff member may see; others get 404. */
    public Hold visible(UUID holdId) {
        Hold hold = holds.findByIdOptional(holdId).orElseThrow(() -> notFound(holdId));
        if (readers.hidesPatron(hold.patronId())) {
            throw notFound(holdId);
        }
        return hold;
    }

    public long queuePosition(Hold hold) {
        return holds.queuePosition(hold);
    }

    private void promiseBestCopy(Hold hold, ServicePointInfo pickup) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("SELECT c.copy_id FROM circulation_copy c WHERE c.record_id = ?1"
                + " AND c.status = 'AVAILABLE' AND NOT c.withdrawn_from_catalog AND NOT EXISTS (SELECT 1 FROM hold h"
                + " WHERE h.copy_id = c.copy_id AND h.status LIKE 'OPEN%') ORDER BY c.copy_id LIMIT " + CANDIDATES
                + " FOR UPDATE OF c SKIP LOCKED").setParameter(1, hold.recordId()).getResultList();
        if (ids.isEmpty()) {
            return;
        }
        List<CirculationCopy> candidates = ids.stream().map(id -> em.find(CirculationCopy.class, id)).toList();
        CirculationCopy best = routing.nearestFirst(candidates, pickup).get(0);
        ServicePointInfo at = em.find(ServicePointInfo.class, best.currentServicePointCode());
        routing.deliverTo(hold, best, at != null ? at : pickup);
        em.flush();
        outbox.add(CopyStatusChanged.of(best, null));
    }

    private void moveOn(CirculationCopy copy) {
        ServicePointInfo at = em.find(ServicePointInfo.class, copy.currentServicePointCode());
        routing.route(copy, at);
        em.flush();
        outbox.add(CopyStatusChanged.of(copy, null));
    }

    private static ProblemException notFound(UUID holdId) {
        return ProblemException.notFound("HOLD_NOT_FOUND", "No hold " + holdId);
    }
}
