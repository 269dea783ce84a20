package org.tongjie.delivery.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.tongjie.delivery.domain.DeliveryAddress;
import org.tongjie.delivery.domain.DeliveryOrder;
import org.tongjie.delivery.domain.DeliveryPoint;
import org.tongjie.delivery.domain.DeliverySettings;
import org.tongjie.delivery.domain.OrderLine;
import org.tongjie.delivery.domain.Shipment;
import org.tongjie.delivery.domain.ShipmentItem;
import org.tongjie.delivery.domain.ShipmentStatus;
import org.tongjie.delivery.events.DeliveryOrderCancelled;
import org.tongjie.delivery.events.DeliveryOrderPlaced;
import org.tongjie.platform.outbox.Outbox;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.rest.PagedQuery;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Home-delivery orders: quoted, placed (circulation is asked for the copies by event), answered (one shipment per
 * source library, the fee recomputed for what was found) and cancelled while still on the shelves.
 */
@ApplicationScoped
public class DeliveryOrders {

    private final DeliveryRules rules;
    private final ShipmentJournal journal;
    private final Outbox outbox;
    private final EntityManager em;
    private final Caller caller;
    private final Clock clock;
    private final DeliveryIndicators indicators;

    DeliveryOrders(DeliveryRules rules, ShipmentJournal journal, Outbox outbox, EntityManager em, Caller caller,
            Clock clock, DeliveryIndicators indicators) {
        this.indicators = indicators;
        this.rules = rules;
        this.journal = journal;
        this.outbox = outbox;
        this.em = em;
        this.caller = caller;
        this.clock = clock;
    }

    /** What the reader asks for: records, a serving library and one destination. */
    public record Request(String libraryCode, List<UUID> recordIds, UUID addressId, String deliveryPointCode) {
    }

    /** The fee for the records as asked; the order's own fee follows what circulation finds. */
    public record Quote(String libraryCode, List<UUID> recordIds, List<String> titles, String destination,
            int feeFen, int maxRecordsPerOrder) {
    }

    public Quote quote(Request request) {
        return checked(request).quote();
    }

    @Transactional
    public DeliveryOrder place(Request request) {
        Checked checked = checked(request);
        String card = caller.subject();
        DeliveryOrder order = checked.point() != null
                ? DeliveryOrder.toDeliveryPoint(card, request.libraryCode(), checked.point(), checked.quote().feeFen(),
                        clock.instant())
                : DeliveryOrder.toAddress(card, request.libraryCode(), checked.address(), checked.quote().feeFen(),
                        clock.instant());
        em.persist(order);
        for (int i = 0; i < request.recordIds().size(); i++) {
            em.persist(OrderLine.requested(order.id(), i, request.recordIds().get(i)));
        }
        em.flush();
        outbox.add(DeliveryOrderPlaced.of(order, request.recordIds()));
        indicators.orderPlaced(order);
        return order;
    }

    /** One record's answer from circulation. */
    public record Allocation(UUID recordId, String outcome, UUID holdId, UUID copyId, String barcode, String title,
            String libraryCode, String servicePointCode) {
    }

    /**
     * Circulation answered the order: lines take their copies (or reasons), one shipment per source library starts
     * PICKING, and the fee is recomputed for the books actually sent. A cancelled order stays cancelled
     * (circulation releases its copies on the cancellation event).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void allocated(UUID orderId, List<Allocation> allocations) {
        DeliveryOrder order = em.find(DeliveryOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order == null || order.status() != DeliveryOrder.Status.REQUESTED) {
            return;
        }
        Map<UUID, Allocation> byRecord = new LinkedHashMap<>();
        allocations.forEach(a -> byRecord.put(a.recordId(), a));
        Map<String, Shipment> bySource = new LinkedHashMap<>();
        int found = 0;
        for (OrderLine line : lines(orderId)) {
            Allocation a = byRecord.get(line.recordId());
            if (a == null || !OrderLine.ALLOCATED.equals(a.outcome())) {
                line.drop(a == null ? "NO_ANSWER" : a.outcome());
                continue;
            }
            line.allocate(a.holdId(), a.copyId(), a.barcode(), a.title(), a.libraryCode(), a.servicePointCode());
            Shipment shipment = bySource.computeIfAbsent(a.servicePointCode(), sp -> {
                Shipment s = Shipment.picking(order, a.libraryCode(), sp, clock.instant());
                em.persist(s);
                return s;
            });
            line.shipIn(shipment.id());
            em.persist(ShipmentItem.of(shipment.id(), line));
            found++;
        }
        DeliverySettings settings = rules.settingsFor(order.libraryCode()).orElse(null);
        int fee = settings == null ? order.quotedFeeFen() : settings.feeFor(found, order.toDeliveryPoint());
        order.allocated(found, fee, clock.instant());
        em.flush();
        for (Shipment shipment : bySource.values()) {
            journal.moved(shipment, clock.instant(), shipment.sourceServicePoint(), "SYSTEM");
        }
    }

    /** Cancels an order whose books have not left the library; every promised copy is released. */
    @Transactional
    public DeliveryOrder cancel(UUID orderId) {
        DeliveryOrder order = visible(orderId);
        em.lock(order, LockModeType.PESSIMISTIC_WRITE);
        if (order.status() == DeliveryOrder.Status.CANCELLED) {
            return order;
        }
        List<Shipment> shipments = shipmentsOf(orderId);
        boolean cancellable = (order.status() == DeliveryOrder.Status.REQUESTED
                || order.status() == DeliveryOrder.Status.CONFIRMED)
                && shipments.stream().allMatch(s -> s.status().beforeHandOver());
        if (!cancellable) {
            throw ProblemException.conflict("ORDER_NOT_CANCELLABLE", "Order " + orderId + " is " + order.status()
                    + " and its books have left the library; return them instead");
        }
        for (Shipment shipment : shipments) {
            em.lock(shipment, LockModeType.PESSIMISTIC_WRITE);
            shipment.moveTo(ShipmentStatus.CANCELLED, clock.instant(), clock.instant());
            journal.moved(shipment, clock.instant(), null, caller.hasRole(Roles.PATRON) ? "READER" : "STAFF");
        }
        order.cancel(clock.instant());
        em.flush();
        outbox.add(new DeliveryOrderCancelled(order.id(), order.cardNumber()));
        indicators.orderCancelled(order, clock.instant());
        return order;
    }

    /** Marks the order completed once every shipment of it has ended. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void shipmentEnded(UUID orderId) {
        DeliveryOrder order = em.find(DeliveryOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
        if (order.status() == DeliveryOrder.Status.CONFIRMED
                && shipmentsOf(orderId).stream().allMatch(Shipment::ended)) {
            order.complete(clock.instant());
        }
    }

    /** An order its reader, staff of its library or an operator may see; others get 404. */
    public DeliveryOrder visible(UUID orderId) {
        DeliveryOrder order = em.find(DeliveryOrder.class, orderId);
        if (order == null || !maySee(order)) {
            throw ProblemException.notFound("ORDER_NOT_FOUND", "No delivery order " + orderId);
        }
        return order;
    }

    private boolean maySee(DeliveryOrder order) {
        if (caller.hasRole(Roles.PATRON)) {
            return order.cardNumber().equals(caller.subject());
        }
        return caller.actsFor(order.libraryCode());
    }

    /** A reader's own orders, or (staff) the orders a library serves; newest first. */
    public Page<DeliveryOrder> list(String libraryCode, DeliveryOrder.Status status, int page, int size) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (caller.hasRole(Roles.PATRON)) {
            where.append("cardNumber = ?1");
            params.add(caller.subject());
        } else {
            if (libraryCode == null) {
                throw ProblemException.invalidField("LIBRARY_REQUIRED", "library", "Name the library");
            }
            caller.requireActsFor(libraryCode);
            where.append("libraryCode = ?1");
            params.add(libraryCode);
        }
        if (status != null) {
            params.add(status);
            where.append(" and status = ?").append(params.size());
        }
        return PagedQuery.page(em, DeliveryOrder.class, where.toString(), "placedAt desc, id", params, page, size);
    }

    public List<OrderLine> lines(UUID orderId) {
        return em.createQuery("from OrderLine where orderId = ?1 order by position", OrderLine.class)
                .setParameter(1, orderId).getResultList();
    }

    /** The lines of several orders in one query, by order. */
    public java.util.Map<UUID, List<OrderLine>> linesOf(java.util.Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return java.util.Map.of();
        }
        return em.createQuery("from OrderLine where orderId in ?1 order by orderId, position", OrderLine.class)
                .setParameter(1, orderIds).getResultList().stream()
                .collect(java.util.stream.Collectors.groupingBy(OrderLine::orderId));
    }

    /** The shipments of several orders in one query, by order. */
    public java.util.Map<UUID, List<Shipment>> shipmentsOf(java.util.Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return java.util.Map.of();
        }
        return em.createQuery("from Shipment where orderId in ?1 order by createdAt, id", Shipment.class)
                .setParameter(1, orderIds).getResultList().stream()
                .collect(java.util.stream.Collectors.groupingBy(Shipment::orderId));
    }

    public List<Shipment> shipmentsOf(UUID orderId) {
        return em.createQuery("from Shipment where orderId = ?1 order by createdAt, id", Shipment.class)
                .setParameter(1, orderId).getResultList();
    }

    private record Checked(Quote quote, DeliveryAddress address, DeliveryPoint point) {
    }

    private Checked checked(Request request) {
        String card = caller.subject();
        DeliverySettings settings = rules.requireDelivering(request.libraryCode());
        List<UUID> records = request.recordIds();
        if (records.size() > settings.maxRecordsPerOrder()) {
            throw ProblemException.invalidField("TOO_MANY_RECORDS", "recordIds", "At most "
                    + settings.maxRecordsPerOrder() + " records per order at " + request.libraryCode());
        }
        if (new HashSet<>(records).size() != records.size()) {
            throw ProblemException.invalidField("DUPLICATE_RECORD", "recordIds", "Each record at most once");
        }
        if ((request.addressId() == null) == (request.deliveryPointCode() == null)) {
            throw ProblemException.invalidField("DESTINATION_REQUIRED", "addressId",
                    "Give exactly one of addressId and deliveryPointCode");
        }
        DeliveryAddress address = null;
        DeliveryPoint point = null;
        if (request.addressId() != null) {
            address = rules.addressInArea(card, request.addressId(), settings);
        } else {
            point = rules.deliveryPointOf(request.libraryCode(), request.deliveryPointCode());
        }
        List<String> titles = rules.titles(records);
        int fee = settings.feeFor(records.size(), point != null);
        return new Checked(new Quote(request.libraryCode(), records, titles, point != null ? "DELIVERY_POINT" : "HOME",
                fee, settings.maxRecordsPerOrder()), address, point);
    }
}
