package org.tongjie.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.tongjie.delivery.config.DeliveryConfig;
import org.tongjie.delivery.domain.DeliveryAddress;
import org.tongjie.delivery.domain.DeliveryPoint;
import org.tongjie.delivery.domain.DeliverySettings;
import org.tongjie.delivery.domain.ReturnPickup;
import org.tongjie.delivery.events.ReturnPickupReceived;
import org.tongjie.platform.outbox.Outbox;
import org.tongjie.platform.problem.Problem;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.rest.PagedQuery;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/**
 * Return by courier: a reader schedules a pickup of books they borrowed; the library books a courier; on arrival
 * the books are checked in by circulation at the receiving desk, with the usual routing and fines.
 */
@ApplicationScoped
public class ReturnPickups {

    private final DeliveryRules rules;
    private final Carriers carriers;
    private final Outbox outbox;
    private final EntityManager em;
    private final Caller caller;
    private final Clock clock;
    private final java.time.ZoneId zone;
    private final DeliveryIndicators indicators;

    ReturnPickups(DeliveryRules rules, Carriers carriers, DeliveryConfig config, Outbox outbox, EntityManager em,
            Caller caller, Clock clock, DeliveryIndicators indicators) {
        this.indicators = indicators;
        this.zone = config.zone();
        this.rules = rules;
        this.carriers = carriers;
        this.outbox = outbox;
        this.em = em;
        this.caller = caller;
        this.clock = clock;
    }

    /** Schedules a pickup of the reader's own open loans at their saved address inside the library's area. */
    @Transactional
    public ReturnPickup schedule(String libraryCode, UUID addressId, LocalDate date, List<String> barcodes) {
        String card = caller.subject();
        DeliverySettings settings = rules.requireDelivering(libraryCode);
        DeliveryAddress address = rules.addressInArea(card, addressId, settings);
        if (date.isBefore(LocalDate.ofInstant(clock.instant(), zone))) {
            throw ProblemException.invalidField("PICKUP_DATE_PAST", "pickupDate", "Choose today or a later day");
        }
        if (new HashSet<>(barcodes).size() != barcodes.size()) {
            throw ProblemException.invalidField("DUPLICATE_BARCODE", "barcodes", "Each copy at most once");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < barcodes.size(); i++) {
            String barcode = barcodes.get(i);
            long onLoan = ((Number) em.createNativeQuery("SELECT count(*) FROM patron_loan WHERE card_number = ?1"
                    + " AND barcode = ?2 AND open").setParameter(1, card).setParameter(2, barcode).getSingleResult())
                    .longValue();
            long scheduled = ((Number) em.createNativeQuery("SELECT count(*) FROM return_pickup_item i JOIN"
                    + " return_pickup p ON p.id = i.pickup_id WHERE i.barcode = ?1 AND p.card_number = ?2"
                    + " AND p.status IN ('SCHEDULED', 'PICKED_UP')").setParameter(1, barcode).setParameter(2, card)
                    .getSingleResult()).longValue();
            if (onLoan == 0) {
                errors.add(new Problem.FieldError("barcodes[" + i + "]", barcode + " is not on loan to you"));
            } else if (scheduled > 0) {
                errors.add(new Problem.FieldError("barcodes[" + i + "]", barcode + " is already in a pickup"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "NOT_RETURNABLE", "Some copies cannot be collected",
                    "Only your own loans, each in one pickup", errors);
        }
        ReturnPickup pickup = ReturnPickup.schedule(card, libraryCode, address, date, clock.instant());
        em.persist(pickup);
        em.flush();
        for (String barcode : barcodes) {
            em.createNativeQuery("INSERT INTO return_pickup_item (pickup_id, barcode) VALUES (?1, ?2)")
                    .setParameter(1, pickup.id()).setParameter(2, barcode).executeUpdate();
        }
        return pickup;
    }

    /** The library booked a courier; the carrier's PICKED_UP report will follow on the webhook. */
    @Transactional
    public ReturnPickup bookCourier(UUID id, String carrier, String trackingNumber) {
        ReturnPickup pickup = forStaff(id);
        if (pickup.status() != ReturnPickup.Status.SCHEDULED) {
            throw ProblemException.conflict("RETURN_PICKUP_STATUS_CONFLICT", "Return pickup " + id + " is "
                    + pickup.status());
        }
        carriers.requireKnown(carrier);
        pickup.bookCourier(carrier, trackingNumber);
        return pickup;
    }

    /** A carrier reported the parcel collected from the reader. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean pickedUp(ReturnPickup pickup) {
        em.lock(pickup, LockModeType.PESSIMISTIC_WRITE);
        if (pickup.status() != ReturnPickup.Status.SCHEDULED) {
            return false;
        }
        pickup.pickedUp(clock.instant());
        return true;
    }

    public java.util.Optional<ReturnPickup> tracked(String carrier, String trackingNumber) {
        return em.createQuery("from ReturnPickup where carrier = ?1 and trackingNumber = ?2", ReturnPickup.class)
                .setParameter(1, carrier).setParameter(2, trackingNumber).getResultList().stream().findFirst();
    }

    /** The parcel arrived at a desk of the library: circulation checks each copy in there. */
    @Transactional
    public ReturnPickup receive(UUID id, String servicePointCode) {
        ReturnPickup pickup = forStaff(id);
        DeliveryPoint at = rules.servicePoint(servicePointCode, "servicePointCode");
        caller.requireActsFor(at.libraryCode());
        if (!pickup.isOpen()) {
            throw ProblemException.conflict("RETURN_PICKUP_STATUS_CONFLICT", "Return pickup " + id + " is "
                    + pickup.status());
        }
        pickup.receive(servicePointCode, clock.instant());
        em.flush();
        outbox.add(new ReturnPickupReceived(pickup.id(), pickup.cardNumber(), servicePointCode, barcodes(id)));
        indicators.returnPickupReceived(at.libraryCode(), clock.instant());
        return pickup;
    }

    /** The reader called it off before the courier came. */
    @Transactional
    public ReturnPickup cancel(UUID id) {
        ReturnPickup pickup = visible(id);
        em.lock(pickup, LockModeType.PESSIMISTIC_WRITE);
        if (pickup.status() != ReturnPickup.Status.SCHEDULED) {
            throw ProblemException.conflict("RETURN_PICKUP_STATUS_CONFLICT", "Return pickup " + id + " is "
                    + pickup.status() + "; only a scheduled one can be cancelled");
        }
        pickup.cancel(clock.instant());
        return pickup;
    }

    public List<String> barcodes(UUID id) {
        @SuppressWarnings("unchecked")
        List<String> barcodes = em.createNativeQuery("SELECT barcode FROM return_pickup_item WHERE pickup_id = ?1"
                + " ORDER BY barcode").setParameter(1, id).getResultList();
        return barcodes;
    }

    /** A pickup its reader or staff of its library may see; others get 404. */
    public ReturnPickup visible(UUID id) {
        ReturnPickup pickup = em.find(ReturnPickup.class, id);
        if (pickup == null) {
            throw notFound(id);
        }
        if (caller.hasRole(Roles.PATRON)) {
            if (!pickup.cardNumber().equals(caller.subject())) {
                throw notFound(id);
            }
        } else {
            caller.requireActsFor(pickup.libraryCode());
        }
        return pickup;
    }

    /** The reader's own pickups, or (staff) a library's, newest first. */
    public Page<ReturnPickup> list(String libraryCode, ReturnPickup.Status status, int page, int size) {
        String field;
        String value;
        if (caller.hasRole(Roles.PATRON)) {
            field = "cardNumber";
            value = caller.subject();
        } else {
            if (libraryCode == null) {
                throw ProblemException.invalidField("LIBRARY_REQUIRED", "library", "Name the library");
            }
            caller.requireActsFor(libraryCode);
            field = "libraryCode";
            value = libraryCode;
        }
        String where = field + " = ?1" + (status != null ? " and status = ?2" : "");
        List<Object> params = status != null ? List.of(value, status) : List.of(value);
        return PagedQuery.page(em, ReturnPickup.class, where, "createdAt desc, id", params, page, size);
    }

    private ReturnPickup forStaff(UUID id) {
        ReturnPickup pickup = em.find(ReturnPickup.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (pickup == null) {
            throw notFound(id);
        }
        caller.requireActsFor(pickup.libraryCode());
        return pickup;
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("RETURN_PICKUP_NOT_FOUND", "No return pickup " + id);
    }

}
