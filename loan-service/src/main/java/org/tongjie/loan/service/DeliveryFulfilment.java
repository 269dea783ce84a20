package org.tongjie.loan.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tongjie.loan.domain.CirculationCopy;
import org.tongjie.loan.domain.CirculationStatus;
import org.tongjie.loan.domain.Hold;
import org.tongjie.loan.domain.HoldStatus;
import org.tongjie.loan.domain.Loan;
import org.tongjie.loan.domain.LoanPolicy;
import org.tongjie.loan.domain.Patron;
import org.tongjie.loan.domain.ServicePointInfo;
import org.tongjie.loan.events.CopyStatusChanged;
import org.tongjie.loan.events.DeliveryOrderAllocated;
import org.tongjie.loan.events.HoldChanged;
import org.tongjie.loan.events.LoanEvent;
import org.tongjie.loan.repository.HoldRepository;
import org.tongjie.loan.repository.LoanRepository;
import org.tongjie.loan.repository.PatronRepository;
import org.tongjie.platform.outbox.Outbox;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * loan-service's side of home delivery (网借), driven by delivery-service's events: promises copies to a new
 * order, lets them go with the courier, opens the loans when the reader has the books, and takes copies back
 * into circulation when a delivery fails, a locker goes uncollected or an order is cancelled.
 */
@ApplicationScoped
public class DeliveryFulfilment {

    private static final Logger LOG = Logger.getLogger(DeliveryFulfilment.class);
    private static final int CANDIDATES = 50;

    private final HoldRepository holds;
    private final PatronRepository patrons;
    private final LoanRepository loans;
    private final PolicyResolver policies;
    private final CopyRouting routing;
    private final OpeningCalendar calendar;
    private final Circulation circulation;
    private final PatronBlocks blocks;
    private final Outbox outbox;
    private final EntityManager em;
    private final Clock clock;
    private final ZoneId zone;
    private final CirculationIndicators indicators;

    DeliveryFulfilment(HoldRepository holds, PatronRepository patrons, LoanRepository loans, PolicyResolver policies,
            CopyRouting routing, OpeningCalendar calendar, Circulation circulation, PatronBlocks blocks, Outbox outbox,
            EntityManager em, Clock clock, @ConfigProperty(name = "tongjie.circulation.zone") ZoneId zone,
            CirculationIndicators indicators) {
        this.indicators = indicators;
        this.blocks = blocks;
        this.holds = holds;
        this.patrons = patrons;
        this.loans = loans;
        this.policies = policies;
        this.routing = routing;
        this.calendar = calendar;
        this.circulation = circulation;
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * Answers a new delivery order: for each record, promises the nearest available copy inside the serving
     * library's part of the tree, within the reader's loan limit; records without one are dropped with a reason.
     * An order already answered (or cancelled first) is left alone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void allocate(UUID orderId, String cardNumber, String libraryCode, List<UUID> recordIds) {
        int claimed = em.createNativeQuery("INSERT INTO delivery_request (order_id, card_number, status, handled_at)"
                + " VALUES (?1, ?2, 'ALLOCATED', ?3) ON CONFLICT (order_id) DO NOTHING").setParameter(1, orderId)
                .setParameter(2, cardNumber).setParameter(3, clock.instant()).executeUpdate();
        if (claimed == 0) {
            return;
        }
        List<DeliveryOrderAllocated.Line> lines = new ArrayList<>();
        Patron patron = patrons.lockByCard(cardNumber).orElse(null);
        String refusal = patron == null ? "PATRON_NOT_FOUND" : null;
        LoanPolicy general = patron == null ? null : policies.resolve(patron.homeLibrary(), patron.patronType(), null);
        if (refusal == null && blocks.reason(patron, general).isPresent()) {
            refusal = "PATRON_BLOCKED";
        }
        long committed = patron == null ? 0 : loans.openLoansOf(patron.id()) + holds.openDeliveryHoldsOf(patron.id());
        for (UUID recordId : new LinkedHashSet<>(recordIds)) {
            if (refusal != null) {
                lines.add(DeliveryOrderAllocated.Line.dropped(recordId, refusal));
            } else if (committed >= general.maxLoans()) {
                lines.add(DeliveryOrderAllocated.Line.dropped(recordId, "LOAN_LIMIT_REACHED"));
            } else if (holds.openHoldOf(patron.id(), recordId).isPresent()) {
                lines.add(DeliveryOrderAllocated.Line.dropped(recordId, "DUPLICATE_HOLD"));
            } else {
                CirculationCopy copy = bestCopy(recordId, libraryCode, patron);
                if (copy == null) {
                    lines.add(DeliveryOrderAllocated.Line.dropped(recordId, "NO_COPY_AVAILABLE"));
                    continue;
                }
                Hold hold = Hold.forDelivery(orderId, patron, copy, clock.instant());
                holds.persist(hold);
                copy.awaitDelivery(clock.instant());
                em.flush();
                outbox.add(HoldChanged.of(hold));
                outbox.add(CopyStatusChanged.of(copy, null));
                committed++;
                lines.add(new DeliveryOrderAllocated.Line(recordId, DeliveryOrderAllocated.ALLOCATED, hold.id(),
                        copy.copyId(), copy.barcode(), copy.title(), copy.libraryCode(),
                        copy.currentServicePointCode()));
            }
        }
        outbox.add(new DeliveryOrderAllocated(orderId, cardNumber, lines));
    }

    /** The order was cancelled before hand-over: its copies were never shipped and go back into circulation. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelOrder(UUID orderId, String cardNumber) {
        em.createNativeQuery("INSERT INTO delivery_request (order_id, card_number, status, handled_at)"
                + " VALUES (?1, ?2, 'CANCELLED', ?3) ON CONFLICT (order_id) DO UPDATE SET status = 'CANCELLED'")
                .setParameter(1, orderId).setParameter(2, cardNumber == null ? "" : cardNumber)
                .setParameter(3, clock.instant()).executeUpdate();
        for (Hold hold : holds.ofDeliveryOrder(orderId)) {
            if (hold.status() == HoldStatus.OPEN_AWAITING_DELIVERY) {
                release(hold, hold.pickupServicePoint(), HoldStatus.CLOSED_CANCELLED);
            }
        }
    }

    /** The courier took the shipment's copies. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void handedToCourier(List<UUID> holdIds) {
        for (Hold hold : openHolds(holdIds)) {
            CirculationCopy copy = em.find(CirculationCopy.class, hold.copyId(), LockModeType.PESSIMISTIC_WRITE);
            if (copy.status() == CirculationStatus.AWAITING_DELIVERY) {
                copy.leaveWithCourier(clock.instant());
                em.flush();
                outbox.add(CopyStatusChanged.of(copy, null));
            }
        }
    }

    /** The reader has the books (delivered to the door, or collected from a locker): their loans start now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void received(List<UUID> holdIds) {
        for (Hold hold : openHolds(holdIds)) {
            CirculationCopy copy = em.find(CirculationCopy.class, hold.copyId(), LockModeType.PESSIMISTIC_WRITE);
            if (loans.openLoanOf(copy.copyId()).isPresent()) {
                LOG.warnf("Copy %s of delivery hold %s is already on loan; hold left open", copy.barcode(), hold.id());
                continue;
            }
            Patron patron = em.find(Patron.class, hold.patronId(), LockModeType.PESSIMISTIC_WRITE);
            ServicePointInfo source = em.find(ServicePointInfo.class, hold.pickupServicePoint());
            LoanPolicy policy = policies.resolve(copy.libraryCode(), patron.patronType(), copy.loanType());
            Loan loan = Loan.open(copy, patron, source, policy, clock.instant(), zone,
                    day -> calendar.nextOpenDay(source.libraryCode(), day));
            loans.persist(loan);
            copy.checkOut(clock.instant());
            hold.fill(clock.instant());
            em.flush();
            outbox.add(HoldChanged.of(hold));
            outbox.add(LoanEvent.opened(loan));
            outbox.add(CopyStatusChanged.of(copy, LocalDate.ofInstant(loan.dueAt(), zone)));
            indicators.lent(loan, copy, source, patron, hold);
        }
    }

    /**
     * The books did not reach the reader and are back at a service point (the source library after failed
     * attempts, or the locker when nobody collected them): the holds close and the copies move on.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cameBack(List<UUID> holdIds, String servicePointCode, HoldStatus closing) {
        for (Hold hold : openHolds(holdIds)) {
            release(hold, servicePointCode != null ? servicePointCode : hold.pickupServicePoint(), closing);
        }
    }

    /** A transfer arrived at its destination by a receiving scan: the copy is routed on from there. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void transferReceived(UUID copyId, String servicePointCode) {
        CirculationCopy copy = em.find(CirculationCopy.class, copyId, LockModeType.PESSIMISTIC_WRITE);
        ServicePointInfo at = em.find(ServicePointInfo.class, servicePointCode);
        if (copy == null || at == null || copy.status() != CirculationStatus.IN_TRANSIT) {
            return;
        }
        copy.cameBackTo(at, clock.instant());
        routing.route(copy, at);
        em.flush();
        outbox.add(CopyStatusChanged.of(copy, null));
    }

    /** Copies a courier brought back from a reader are checked in at the receiving service point. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void returnsReceived(List<String> barcodes, String servicePointCode) {
        ServicePointInfo at = em.find(ServicePointInfo.class, servicePointCode);
        if (at == null) {
            LOG.warnf("Return pickup received at unknown service point %s; ignored", servicePointCode);
            return;
        }
        for (String barcode : barcodes) {
            if (circulation.receiveReturned(barcode, at) == null) {
                LOG.warnf("Returned copy %s is not known to circulation or is in a delivery; not checked in", barcode);
            }
        }
    }

    private void release(Hold hold, String servicePointCode, HoldStatus closing) {
        CirculationCopy copy = em.find(CirculationCopy.class, hold.copyId(), LockModeType.PESSIMISTIC_WRITE);
        switch (closing) {
            case CLOSED_CANCELLED -> hold.cancel(clock.instant());
            case CLOSED_PICKUP_EXPIRED -> hold.expire(clock.instant());
            default -> hold.unfill(clock.instant());
        }
        em.flush();
        outbox.add(HoldChanged.of(hold));
        ServicePointInfo at = em.find(ServicePointInfo.class, servicePointCode);
        if (at == null) {
            at = em.find(ServicePointInfo.class, hold.pickupServicePoint());
        }
        copy.cameBackTo(at, clock.instant());
        routing.route(copy, at);
        em.flush();
        outbox.add(CopyStatusChanged.of(copy, null));
    }

    private List<Hold> openHolds(List<UUID> holdIds) {
        List<Hold> open = new ArrayList<>();
        for (UUID id : holdIds) {
            Hold hold = em.find(Hold.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (hold != null && hold.deliveryOrderId() != null && hold.status() == HoldStatus.OPEN_AWAITING_DELIVERY) {
                open.add(hold);
            }
        }
        return open;
    }

    /**
     * The available, unpromised, lendable copy of a record nearest the serving library (its own shelves first,
     * then its branches by depth); copies other transactions are taking are skipped.
     */
    private CirculationCopy bestCopy(UUID recordId, String libraryCode, Patron patron) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("WITH RECURSIVE scope (code, depth) AS ("
                + " SELECT code, 0 FROM library_node WHERE code = ?2"
                + " UNION ALL SELECT n.code, s.depth + 1 FROM library_node n JOIN scope s ON n.parent_code = s.code"
                + " WHERE s.depth < 8)"
                + " SELECT c.copy_id FROM circulation_copy c JOIN scope s ON s.code = c.library_code"
                + " WHERE c.record_id = ?1 AND c.status = 'AVAILABLE' AND NOT c.withdrawn_from_catalog"
                + " AND NOT EXISTS (SELECT 1 FROM hold h WHERE h.copy_id = c.copy_id AND h.status LIKE 'OPEN%')"
                + " ORDER BY s.depth, c.copy_id LIMIT " + CANDIDATES + " FOR UPDATE OF c SKIP LOCKED")
                .setParameter(1, recordId).setParameter(2, libraryCode).getResultList();
        for (UUID id : ids) {
            CirculationCopy copy = em.find(CirculationCopy.class, id);
            if (policies.resolve(copy.libraryCode(), patron.patronType(), copy.loanType()).lends()) {
                return copy;
            }
        }
        return null;
    }
}
