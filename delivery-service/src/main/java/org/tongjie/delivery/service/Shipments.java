package org.tongjie.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.tongjie.delivery.config.DeliveryConfig;
import org.tongjie.delivery.domain.DeliveryOrder;
import org.tongjie.delivery.domain.DeliverySettings;
import org.tongjie.delivery.domain.Shipment;
import org.tongjie.delivery.domain.ShipmentItem;
import org.tongjie.delivery.domain.ShipmentStatus;
import org.tongjie.platform.problem.Problem;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.rest.PagedQuery;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A shipment's journey: packed and handed over by library staff, carried by the courier (whose reports only
 * ever move it forward), delivered to the door or into a locker, collected or brought back.
 */
@ApplicationScoped
public class Shipments {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DeliveryOrders orders;
    private final DeliveryRules rules;
    private final Carriers carriers;
    private final ShipmentJournal journal;
    private final StuckStates stuck;
    private final EntityManager em;
    private final Caller caller;
    private final Clock clock;
    private final ZoneId zone;

    Shipments(DeliveryOrders orders, DeliveryRules rules, Carriers carriers, ShipmentJournal journal,
            StuckStates stuck, DeliveryConfig config, EntityManager em, Caller caller, Clock clock) {
        this.orders = orders;
        this.rules = rules;
        this.carriers = carriers;
        this.journal = journal;
        this.stuck = stuck;
        this.em = em;
        this.caller = caller;
        this.clock = clock;
        this.zone = config.zone();
    }

    /**
     * Packs the shipment after every one of its copies was scanned; names the missing or foreign ones. The same
     * scan of a packed shipment again (a desk's retry) changes nothing and answers the packed shipment.
     */
    @Transactional
    public Shipment pack(UUID id, List<String> scanned) {
        Shipment shipment = forStaff(id);
        boolean repeated = shipment.status() == ShipmentStatus.PACKED;
        if (!repeated) {
            requireStatus(shipment, ShipmentStatus.PICKING);
        }
        Set<String> expected = new TreeSet<>(journal.itemsOf(id).stream().map(ShipmentItem::barcode).toList());
        Set<String> given = new TreeSet<>(scanned);
        List<Problem.FieldError> errors = new ArrayList<>();
        expected.stream().filter(b -> !given.contains(b))
                .forEach(b -> errors.add(new Problem.FieldError("barcodes",
                        b + " belongs to the shipment but was not scanned")));
        given.stream().filter(b -> !expected.contains(b))
                .forEach(b -> errors.add(new Problem.FieldError("barcodes", b + " is not part of this shipment")));
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "SCAN_MISMATCH", "Scanned copies do not match the shipment",
                    "Scan exactly the copies of the shipment", errors);
        }
        if (repeated) {
            return shipment;
        }
        return move(shipment, ShipmentStatus.PACKED, clock.instant(), shipment.sourceServicePoint(), "STAFF");
    }

    /**
     * Hands the packed parcel to a carrier under its tracking number. Handing it over again to the same carrier
     * under the same number (a desk's retry) changes nothing, as long as the courier has not reported it since.
     */
    @Transactional
    public Shipment handOver(UUID id, String carrier, String trackingNumber) {
        Shipment shipment = forStaff(id);
        if (shipment.status() == ShipmentStatus.HANDED_TO_COURIER && carrier.equals(shipment.carrier())
                && trackingNumber.equals(shipment.trackingNumber())) {
            return shipment;
        }
        requireStatus(shipment, ShipmentStatus.PACKED);
        carriers.requireKnown(carrier);
        long taken = em.createQuery("select count(s) from Shipment s where s.carrier = ?1 and s.trackingNumber = ?2",
                Long.class).setParameter(1, carrier).setParameter(2, trackingNumber).getSingleResult();
        if (taken > 0) {
            throw ProblemException.conflict("TRACKING_NUMBER_TAKEN", carrier + " " + trackingNumber
                    + " already tracks another shipment");
        }
        shipment.handOver(carrier, trackingNumber, clock.instant());
        return recorded(shipment, clock.instant(), shipment.sourceServicePoint(), "STAFF");
    }

    /** The courier brought the parcel back to its library after failed attempts; its copies go back. */
    @Transactional
    public Shipment receiveBack(UUID id) {
        Shipment shipment = forStaff(id);
        if (!shipment.status().onTheRoad()) {
            throw ProblemException.conflict("SHIPMENT_NOT_ON_THE_ROAD", "Shipment " + id + " is " + shipment.status());
        }
        return move(shipment, ShipmentStatus.RETURNED_TO_LIBRARY, clock.instant(), shipment.sourceServicePoint(),
                "STAFF");
    }

    /** What a carrier's report did. */
    public record Report(UUID shipmentId, ShipmentStatus status, boolean applied) {
    }

    /**
     * Applies a carrier's status report: forward moves only, and a retry after a failed attempt only when newer;
     * every report lands on the timeline, applied or not.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Report reported(Shipment shipment, ShipmentStatus status, Instant occurredAt, String location,
            Instant estimatedDelivery) {
        em.lock(shipment, LockModeType.PESSIMISTIC_WRITE);
        if (estimatedDelivery != null) {
            shipment.estimateDelivery(estimatedDelivery);
        }
        if (!ShipmentStatus.FROM_CARRIER.contains(status) || shipment.status().beforeHandOver()
                || !shipment.accepts(status, occurredAt)) {
            journal.notApplied(shipment, status, occurredAt, location, "CARRIER");
            return new Report(shipment.id(), shipment.status(), false);
        }
        move(shipment, status, occurredAt, location, "CARRIER");
        return new Report(shipment.id(), shipment.status(), true);
    }

    public java.util.Optional<Shipment> tracked(String carrier, String trackingNumber) {
        return em.createQuery("from Shipment where carrier = ?1 and trackingNumber = ?2", Shipment.class)
                .setParameter(1, carrier).setParameter(2, trackingNumber).getResultList().stream().findFirst();
    }

    /** The reader took the parcel out of the locker with its code: the loans start. */
    @Transactional
    public Shipment collect(String deliveryPointCode, String pickupCode) {
        String library = rules.servicePoint(deliveryPointCode, "deliveryPointCode").libraryCode();
        caller.requireActsFor(library);
        Shipment shipment = em.createQuery("from Shipment where deliveryPointCode = ?1 and pickupCode = ?2"
                + " and status = ?3", Shipment.class).setParameter(1, deliveryPointCode).setParameter(2, pickupCode)
                .setParameter(3, ShipmentStatus.DELIVERED).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().stream().findFirst().orElseThrow(() -> ProblemException.invalidField(
                        "PICKUP_CODE_UNKNOWN", "pickupCode", "No parcel waits at " + deliveryPointCode
                                + " under this code"));
        return move(shipment, ShipmentStatus.COLLECTED, clock.instant(), deliveryPointCode, "LOCKER");
    }

    /** Parcels left in lockers past their deadline are taken out; their copies go back into circulation. */
    @Transactional
    public int expireUncollected() {
        List<Shipment> expired = em.createQuery("from Shipment where status = ?1 and pickupDeadline < ?2"
                + " order by pickupDeadline, id", Shipment.class).setParameter(1, ShipmentStatus.DELIVERED)
                .setParameter(2, clock.instant()).setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(500)
                .getResultList();
        expired.forEach(s -> move(s, ShipmentStatus.UNCOLLECTED, clock.instant(), s.deliveryPointCode(), "SYSTEM"));
        return expired.size();
    }

    @io.quarkus.scheduler.Scheduled(every = "15m", delayed = "1m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = io.quarkus.scheduler.Scheduled.ApplicationNotRunning.class)
    void quarterHourly() {
        expireUncollected();
    }

    /** A shipment its reader, staff of its source library or of the order's library may see; others get 404. */
    public Shipment visible(UUID id) {
        Shipment shipment = em.find(Shipment.class, id);
        if (shipment == null) {
            throw notFound(id);
        }
        if (caller.hasRole(Roles.PATRON)) {
            if (!shipment.cardNumber().equals(caller.subject())) {
                throw notFound(id);
            }
            return shipment;
        }
        if (!caller.actsFor(shipment.sourceLibrary())) {
            orders.visible(shipment.orderId());
        }
        return shipment;
    }

    /** Shipments leaving a library, oldest in their status first; optionally one status, or only stuck ones. */
    public Page<Shipment> ofLibrary(String libraryCode, ShipmentStatus status, boolean onlyStuck, int page,
            int size) {
        caller.requireActsFor(libraryCode);
        StringBuilder where = new StringBuilder("sourceLibrary = ?1");
        List<Object> params = new ArrayList<>(List.of(libraryCode));
        if (status != null) {
            params.add(status);
            where.append(" and status = ?").append(params.size());
        }
        if (onlyStuck) {
            List<String> late = new ArrayList<>();
            for (var cutoff : stuck.cutoffs(StuckStates.Kind.SHIPMENT).entrySet()) {
                params.add(ShipmentStatus.valueOf(cutoff.getKey()));
                params.add(cutoff.getValue());
                late.add("(status = ?" + (params.size() - 1) + " and statusSince < ?" + params.size() + ")");
            }
            where.append(" and (").append(late.isEmpty() ? "false" : String.join(" or ", late)).append(')');
        }
        return PagedQuery.page(em, Shipment.class, where.toString(), "statusSince, id", params, page, size);
    }

    /** In one status for longer than its service level. */
    public boolean isStuck(Shipment shipment) {
        return stuck.isStuck(shipment.status().name(), shipment.statusSince());
    }

    private Shipment move(Shipment shipment, ShipmentStatus next, Instant occurredAt, String location, String source) {
        shipment.moveTo(next, occurredAt, clock.instant());
        if (next == ShipmentStatus.DELIVERED && shipment.toDeliveryPoint()) {
            DeliverySettings settings = rules.settingsFor(em.find(DeliveryOrder.class, shipment.orderId())
                    .libraryCode()).orElse(null);
            int days = settings == null ? 3 : settings.lockerPickupDays();
            shipment.awaitCollection(freePickupCode(shipment.deliveryPointCode()),
                    LocalDate.ofInstant(clock.instant(), zone).plusDays(days + 1L).atStartOfDay(zone).minusSeconds(1)
                            .toInstant());
        }
        return recorded(shipment, occurredAt, location, source);
    }

    private Shipment recorded(Shipment shipment, Instant occurredAt, String location, String source) {
        journal.moved(shipment, occurredAt, location, source);
        if (shipment.ended()) {
            orders.shipmentEnded(shipment.orderId());
        }
        return shipment;
    }

    private String freePickupCode(String deliveryPointCode) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String code = String.format("%06d", RANDOM.nextInt(1_000_000));
            long taken = em.createQuery("select count(s) from Shipment s where s.deliveryPointCode = ?1"
                    + " and s.pickupCode = ?2 and s.status = ?3", Long.class).setParameter(1, deliveryPointCode)
                    .setParameter(2, code).setParameter(3, ShipmentStatus.DELIVERED).getSingleResult();
            if (taken == 0) {
                return code;
            }
        }
        throw new IllegalStateException("No free pickup code at " + deliveryPointCode);
    }

    private Shipment forStaff(UUID id) {
        Shipment shipment = em.find(Shipment.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (shipment == null) {
            throw notFound(id);
        }
        caller.requireActsFor(shipment.sourceLibrary());
        return shipment;
    }

    private static void requireStatus(Shipment shipment, ShipmentStatus expected) {
        if (shipment.status() != expected) {
            throw ProblemException.conflict("SHIPMENT_STATUS_CONFLICT", "Shipment " + shipment.id() + " is "
                    + shipment.status() + ", not " + expected);
        }
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("SHIPMENT_NOT_FOUND", "No shipment " + id);
    }
}
