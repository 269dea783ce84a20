package org.tongjie.loan.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tongjie.loan.domain.CirculationCopy;
import org.tongjie.loan.domain.Hold;
import org.tongjie.loan.domain.Patron;
import org.tongjie.loan.domain.ServicePointInfo;
import org.tongjie.loan.events.HoldChanged;
import org.tongjie.loan.events.TransferRequested;
import org.tongjie.loan.repository.HoldRepository;
import org.tongjie.platform.outbox.Outbox;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides where a copy goes when it reaches a service point or comes free: to the pickup point of the hold
 * it is promised to; else to the oldest waiting hold on its record (opportunistic capture); else home.
 * Publishes the hold and transfer events; the caller publishes the copy's status change.
 */
@ApplicationScoped
public class CopyRouting {

    private final HoldRepository holds;
    private final PolicyResolver policies;
    private final Outbox outbox;
    private final EntityManager em;
    private final ReferenceData tree;
    private final FloatingCollections floating;
    private final Clock clock;
    private final ZoneId zone;

    CopyRouting(HoldRepository holds, PolicyResolver policies, Outbox outbox, EntityManager em, ReferenceData tree,
            FloatingCollections floating, Clock clock, @ConfigProperty(name = "tongjie.circulation.zone") ZoneId zone) {
        this.tree = tree;
        this.floating = floating;
        this.holds = holds;
        this.policies = policies;
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
        this.zone = zone;
    }

    /** Routes a copy that is at {@code at} now; returns where it goes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CirculationCopy.Routing route(CirculationCopy copy, ServicePointInfo at) {
        return route(copy, at, holds.claimantOf(copy, java.time.LocalDate.ofInstant(clock.instant(), zone)));
    }

    /** Routes a copy that is at {@code at} now, its claimant already found and locked; returns where it goes. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CirculationCopy.Routing route(CirculationCopy copy, ServicePointInfo at, Optional<Hold> claimant) {
        if (claimant.isPresent()) {
            return deliverTo(claimant.get(), copy, at);
        }
        CirculationCopy.Routing routing = copy.checkInAt(at, clock.instant());
        if (routing == CirculationCopy.Routing.TRANSIT_HOME && floating.floatsAt(copy, at)) {
            copy.floatHere(at, clock.instant());
            return CirculationCopy.Routing.FLOAT_HERE;
        }
        if (routing == CirculationCopy.Routing.TRANSIT_HOME) {
            outbox.add(new TransferRequested(copy.copyId(), copy.barcode(), copy.title(), at.code(),
                    copy.destinationServicePointCode(), "RETURN_HOME"));
        }
        return routing;
    }

    /** Promises the copy to the hold: onto this hold shelf when this is the pickup point, else in transit there. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CirculationCopy.Routing deliverTo(Hold hold, CirculationCopy copy, ServicePointInfo at) {
        if (at.code().equals(hold.pickupServicePoint())) {
            Patron patron = em.find(Patron.class, hold.patronId());
            int shelfDays = policies.resolve(at.libraryCode(), patron.patronType(), copy.loanType()).terms()
                    .holdShelfDays();
            copy.holdForPickup(at, clock.instant());
            hold.awaitPickup(copy, shelfDays, clock.instant(), zone);
            em.flush();
            outbox.add(HoldChanged.of(hold));
            return CirculationCopy.Routing.HOLD_SHELF_HERE;
        }
        boolean alreadyGoing = hold.pickupServicePoint().equals(copy.destinationServicePointCode());
        copy.arriveAt(at, clock.instant());
        copy.sendTo(hold.pickupServicePoint(), clock.instant());
        if (hold.copyId() == null) {
            hold.promiseInTransit(copy);
            em.flush();
            outbox.add(HoldChanged.of(hold));
        }
        if (!alreadyGoing) {
            outbox.add(new TransferRequested(copy.copyId(), copy.barcode(), copy.title(), at.code(), hold.pickupServicePoint(),
                    "HOLD_PICKUP"));
        }
        return CirculationCopy.Routing.TRANSIT_TO_PICKUP;
    }

    /**
     * Ranks copies for a hold: on the pickup point's shelf first, then at the pickup library, then by how close
     * their library is in the tree (steps to the nearest common ancestor), then by distance on the map between
     * equally related libraries, then by id for stability.
     */
    public List<CirculationCopy> nearestFirst(List<CirculationCopy> candidates, ServicePointInfo pickup) {
        List<String> pickupChain = tree.ancestry(pickup.libraryCode());
        org.tongjie.loan.domain.LibraryNode pickupLibrary = em.find(org.tongjie.loan.domain.LibraryNode.class,
                pickup.libraryCode());
        List<CirculationCopy> ranked = new ArrayList<>(candidates);
        ranked.sort(java.util.Comparator
                .comparing((CirculationCopy c) -> !pickup.code().equals(c.currentServicePointCode()))
                .thenComparingInt(c -> treeDistance(pickupChain, tree.ancestry(c.libraryCode())))
                .thenComparingDouble(c -> pickupLibrary == null ? 0 : pickupLibrary.kilometresTo(
                        em.find(org.tongjie.loan.domain.LibraryNode.class, c.libraryCode())))
                .thenComparing(CirculationCopy::copyId));
        return ranked;
    }

    private static int treeDistance(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int j = b.indexOf(a.get(i));
            if (j >= 0) {
                return i + j;
            }
        }
        return Integer.MAX_VALUE;
    }

}
