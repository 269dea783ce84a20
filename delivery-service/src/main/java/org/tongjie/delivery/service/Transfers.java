package org.tongjie.delivery.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.tongjie.delivery.config.DeliveryConfig;
import org.tongjie.delivery.domain.DeliveryPoint;
import org.tongjie.delivery.domain.Transfer;
import org.tongjie.delivery.events.TransferEvent;
import org.tongjie.platform.outbox.Outbox;
import org.tongjie.platform.problem.Problem;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.rest.PagedQuery;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.time.Timestamps;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies travelling between service points for 通借通还: learned from circulation's transfer requests, pulled
 * by pick list, dispatched per route in batches with a scan, received with a scan at the destination.
 */
@ApplicationScoped
public class Transfers {

    private final DeliveryRules rules;
    private final DeliveryConfig config;
    private final Outbox outbox;
    private final EntityManager em;
    private final Caller caller;
    private final Clock clock;
    private final AtomicLong stuck = new AtomicLong();
    private final DeliveryIndicators indicators;

    Transfers(DeliveryRules rules, DeliveryConfig config, Outbox outbox, EntityManager em, Caller caller, Clock clock,
            MeterRegistry registry, DeliveryIndicators indicators) {
        this.indicators = indicators;
        this.rules = rules;
        this.config = config;
        this.outbox = outbox;
        this.em = em;
        this.caller = caller;
        this.clock = clock;
        registry.gauge("tongjie.delivery.transfers.stuck", stuck);
    }

    /**
     * Circulation needs a copy moved. A copy already travelling elsewhere is redirected: its open transfer is
     * cancelled and the new one replaces it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requested(UUID copyId, String barcode, String title, String from, String to, String reason) {
        openOf(copyId).ifPresent(open -> {
            if (open.toServicePoint().equals(to)) {
                return;
            }
            open.cancel(clock.instant());
            em.flush();
        });
        if (openOf(copyId).isPresent()) {
            return;
        }
        Transfer transfer = Transfer.requested(copyId, barcode, title, from, libraryOf(from), to, libraryOf(to),
                reason, clock.instant());
        em.persist(transfer);
        indicators.transferRequested(transfer);
    }

    /**
     * Circulation reports where a copy is now. A copy no longer in transit (checked in at its destination, lent,
     * withdrawn) needs no carrying: its open transfer closes, received when it is where it was going.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void copyStatus(UUID copyId, String status, String servicePointCode) {
        if ("IN_TRANSIT".equals(status)) {
            return;
        }
        openOf(copyId).ifPresent(open -> {
            if (servicePointCode != null && open.toLibrary() != null
                    && open.toLibrary().equals(libraryOf(servicePointCode))) {
                open.receive(clock.instant());
                indicators.transferReceived(open, clock.instant());
            } else {
                open.cancel(clock.instant());
            }
        });
    }

    /** An entry of a service point's pick list. */
    public record PickItem(String kind, String barcode, String title, String destination, UUID transferId,
            UUID shipmentId, Instant since) {
    }

    /** What staff at a service point must pull from the shelf: transfers to send and delivery parcels to pack. */
    public List<PickItem> pickList(String servicePointCode, int limit) {
        DeliveryPoint point = rules.servicePoint(servicePointCode, "servicePointCode");
        caller.requireActsFor(point.libraryCode());
        List<PickItem> items = new ArrayList<>();
        em.createQuery("from Transfer where fromServicePoint = ?1 and status = ?2 order by requestedAt, id",
                Transfer.class).setParameter(1, servicePointCode).setParameter(2, Transfer.Status.REQUESTED)
                .setMaxResults(limit).getResultList().forEach(t -> items.add(new PickItem("TRANSFER", t.barcode(),
                        t.title(), t.toServicePoint(), t.id(), null, t.requestedAt())));
        @SuppressWarnings("unchecked")
        List<Object[]> parcels = em.createNativeQuery("SELECT i.barcode, i.title, s.id, s.created_at,"
                + " coalesce(s.delivery_point_code, 'HOME')"
                + " FROM shipment s JOIN shipment_item i ON i.shipment_id = s.id"
                + " WHERE s.source_service_point = ?1 AND s.status = 'PICKING' ORDER BY s.created_at, s.id, i.barcode")
                .setParameter(1, servicePointCode).setMaxResults(limit).getResultList();
        for (Object[] row : parcels) {
            items.add(new PickItem("DELIVERY", (String) row[0], (String) row[1], (String) row[4], null,
                    (UUID) row[2], Timestamps.toInstant(row[3])));
        }
        items.sort(java.util.Comparator.comparing(PickItem::since).thenComparing(PickItem::barcode));
        return items.size() > limit ? items.subList(0, limit) : items;
    }

    /** A batch of copies sent on one route. */
    public record Batch(UUID id, String fromLibrary, String toLibrary, List<String> barcodes) {
    }

    /**
     * Dispatches the scanned copies from a service point: each must have a transfer waiting there; they are
     * grouped into one batch per destination library.
     */
    @Transactional
    public List<Batch> dispatch(String servicePointCode, List<String> barcodes) {
        DeliveryPoint point = rules.servicePoint(servicePointCode, "servicePointCode");
        caller.requireActsFor(point.libraryCode());
        List<Transfer> transfers = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < barcodes.size(); i++) {
            String barcode = barcodes.get(i);
            Transfer transfer = em.createQuery("from Transfer where barcode = ?1 and status = ?2"
                    + " and fromServicePoint = ?3", Transfer.class).setParameter(1, barcode)
                    .setParameter(2, Transfer.Status.REQUESTED).setParameter(3, servicePointCode)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream().findFirst().orElse(null);
            if (transfer == null) {
                errors.add(new Problem.FieldError("barcodes[" + i + "]", barcode + " has no transfer waiting at "
                        + servicePointCode));
            } else {
                transfers.add(transfer);
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "NO_TRANSFER_WAITING", "Nothing to dispatch for some copies",
                    "Dispatch only copies on this service point's pick list", errors);
        }
        Map<String, List<Transfer>> byRoute = new LinkedHashMap<>();
        transfers.forEach(t -> byRoute.computeIfAbsent(t.toLibrary(), k -> new ArrayList<>()).add(t));
        List<Batch> batches = new ArrayList<>();
        for (var route : byRoute.entrySet()) {
            UUID batchId = UUID.randomUUID();
            em.createNativeQuery("INSERT INTO transfer_batch (id, from_library, to_library, dispatched_at,"
                    + " dispatched_by) VALUES (?1, ?2, ?3, ?4, ?5)").setParameter(1, batchId)
                    .setParameter(2, point.libraryCode()).setParameter(3, route.getKey())
                    .setParameter(4, clock.instant()).setParameter(5, caller.subject()).executeUpdate();
            route.getValue().forEach(t -> t.dispatch(batchId, clock.instant()));
            em.flush();
            route.getValue().forEach(t -> outbox.add(TransferEvent.dispatched(t)));
            route.getValue().forEach(t -> indicators.transferDispatched(t, clock.instant()));
            batches.add(new Batch(batchId, point.libraryCode(), route.getKey(),
                    route.getValue().stream().map(Transfer::barcode).toList()));
        }
        return batches;
    }

    /** The receiving scan: the copy arrived at a service point of the library it was sent to. */
    @Transactional
    public Transfer receive(String servicePointCode, String barcode) {
        DeliveryPoint point = rules.servicePoint(servicePointCode, "servicePointCode");
        caller.requireActsFor(point.libraryCode());
        Transfer transfer = em.createQuery("from Transfer where barcode = ?1 and status in (?2, ?3)",
                Transfer.class).setParameter(1, barcode).setParameter(2, Transfer.Status.REQUESTED)
                .setParameter(3, Transfer.Status.IN_TRANSIT).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().stream().findFirst().orElseThrow(() -> ProblemException.invalidField(
                        "NO_TRANSFER_OPEN", "barcode", barcode + " is not travelling"));
        if (!point.libraryCode().equals(transfer.toLibrary())) {
            throw ProblemException.conflict("WRONG_DESTINATION", barcode + " is bound for "
                    + transfer.toServicePoint() + " (" + transfer.toLibrary() + "), not " + point.libraryCode());
        }
        transfer.receive(clock.instant());
        em.flush();
        indicators.transferReceived(transfer, clock.instant());
        outbox.add(TransferEvent.received(transfer, servicePointCode));
        return transfer;
    }

    /** Transfers from or to a library, oldest first; optionally one status, or only stuck ones. */
    public Page<Transfer> list(String libraryCode, Transfer.Status status, boolean onlyStuck, int page, int size) {
        rules.library(libraryCode, "library");
        caller.requireActsFor(libraryCode);
        return list(List.of(libraryCode), status, onlyStuck, page, size);
    }

    /** Transfers from or to any of the libraries (a tree, or the network), oldest first. */
    public Page<Transfer> list(List<String> libraryCodes, Transfer.Status status, boolean onlyStuck, int page,
            int size) {
        StringBuilder where = new StringBuilder("(fromLibrary in ?1 or toLibrary in ?1)");
        List<Object> params = new ArrayList<>(List.of(libraryCodes));
        if (status != null) {
            params.add(status);
            where.append(" and status = ?").append(params.size());
        }
        if (onlyStuck) {
            params.add(List.of(Transfer.Status.REQUESTED, Transfer.Status.IN_TRANSIT));
            where.append(" and status in ?").append(params.size());
            params.add(clock.instant().minus(config.transferStuckAfter()));
            where.append(" and requestedAt < ?").append(params.size());
        }
        return PagedQuery.page(em, Transfer.class, where.toString(), "requestedAt, id", params, page, size);
    }

    public boolean isStuck(Transfer transfer) {
        return transfer.isStuck(clock.instant(), config.transferStuckAfter());
    }

    /** Network-wide count of stuck transfers, for the metric. */
    @Transactional
    public long countStuck() {
        long n = em.createQuery("select count(t) from Transfer t where t.status in ?1 and t.requestedAt < ?2",
                Long.class).setParameter(1, List.of(Transfer.Status.REQUESTED, Transfer.Status.IN_TRANSIT))
                .setParameter(2, clock.instant().minus(config.transferStuckAfter())).getSingleResult();
        stuck.set(n);
        return n;
    }

    @io.quarkus.scheduler.Scheduled(every = "1m", delayed = "10s",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = io.quarkus.scheduler.Scheduled.ApplicationNotRunning.class)
    void refreshGauge() {
        countStuck();
    }

    /** Which of these copies have an open transfer (read without locking; {@link #copyStatus} locks it). */
    public java.util.Set<UUID> withOpenTransfer(java.util.Collection<UUID> copyIds) {
        if (copyIds.isEmpty()) {
            return new java.util.HashSet<>();
        }
        @SuppressWarnings("unchecked")
        List<UUID> open = em.createNativeQuery("SELECT DISTINCT copy_id FROM transfer WHERE copy_id = ANY(?1)"
                + " AND status IN ('REQUESTED', 'IN_TRANSIT')").setParameter(1, copyIds.toArray(UUID[]::new))
                .getResultList();
        return new java.util.HashSet<>(open);
    }

    private java.util.Optional<Transfer> openOf(UUID copyId) {
        // Runs for every copy event. The statuses are written out, so that even PostgreSQL's generic plan uses the
        // partial index of open transfers; and Hibernate translated the query anew on every call when they were a
        // list parameter. Read as a list, not a stream: through a stream, PostgreSQL planned it anew at every call.
        return em.createNativeQuery("SELECT * FROM transfer WHERE copy_id = ?1 AND status IN ('REQUESTED',"
                + " 'IN_TRANSIT') FOR UPDATE", Transfer.class).setParameter(1, copyId).getResultList().stream()
                .findFirst();
    }

    private String libraryOf(String servicePointCode) {
        DeliveryPoint point = em.find(DeliveryPoint.class, servicePointCode);
        return point == null ? null : point.libraryCode();
    }

}
