package org.tongjie.loan.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.tongjie.loan.domain.Hold;
import org.tongjie.loan.domain.HoldStatus;
import org.tongjie.platform.rest.Page;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Holds by copy, record queue and patron. */
@ApplicationScoped
public class HoldRepository implements PanacheRepositoryBase<Hold, UUID> {

    /*
     * Statuses are bound one parameter each ("status in (?2, ?3)"), never as a list: Hibernate cannot keep the
     * plan of a query with a list parameter and would translate it anew on every check-out and check-in.
     */
    private static final String OPEN_FROM_2 = "status in (?2, ?3, ?4, ?5)";
    private static final String OPEN_FROM_3 = "status in (?3, ?4, ?5, ?6)";
    /** The repeated {@code LIKE 'OPEN%'} lets PostgreSQL use the partial index of promised copies (its condition). */
    private static final String PROMISED = "SELECT * FROM hold WHERE copy_id = ?1 AND status"
            + " IN ('OPEN_IN_TRANSIT', 'OPEN_AWAITING_PICKUP') AND status LIKE 'OPEN%' FOR UPDATE";

    /** The open hold a copy is promised to, locked. */
    public Optional<Hold> promisedTo(UUID copyId) {
        return first(holdQuery(PROMISED).setParameter(1, copyId));
    }

    /**
     * Common table expressions for {@link #CLAIMANT}, with parameters ?1 the copy's id, ?2 its record's, ?3 today and
     * ?4 whether the catalog withdrew it (a withdrawn copy goes only to a hold it was promised to).
     */
    public static final String CLAIMANT_CTES = "promised AS (" + PROMISED + "), waiting AS (SELECT * FROM hold"
            + " WHERE record_id = ?2 AND NOT ?4 AND status = 'OPEN_NOT_YET_FILLED' AND (suspended_until IS NULL"
            + " OR suspended_until < ?3) ORDER BY requested_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)";
    /** The claimant's row, selected from {@link #CLAIMANT_CTES}. */
    public static final String CLAIMANT = "SELECT * FROM promised UNION ALL SELECT * FROM waiting"
            + " WHERE NOT EXISTS (SELECT 1 FROM promised)";

    /**
     * The hold a copy that came free goes to, locked: the one it is promised to, else (unless the catalog withdrew
     * the copy) the oldest waiting hold on its record that is not suspended on {@code today} (holds another
     * transaction is filling are skipped). One round trip for both questions; the waiting holds are not read, let
     * alone locked, when the copy is promised.
     */
    public Optional<Hold> claimantOf(org.tongjie.loan.domain.CirculationCopy copy, java.time.LocalDate today) {
        return first(holdQuery("WITH " + CLAIMANT_CTES + " " + CLAIMANT).setParameter(1, copy.copyId())
                .setParameter(2, copy.recordId()).setParameter(3, today)
                .setParameter(4, copy.withdrawnFromCatalog()));
    }

    /**
     * A native query of holds that flushes only pending changes of holds first: without naming what it reads,
     * Hibernate would flush (and dirty-check) the whole persistence context before it.
     */
    private jakarta.persistence.Query holdQuery(String sql) {
        return getEntityManager().createNativeQuery(sql, Hold.class).unwrap(org.hibernate.query.NativeQuery.class)
                .addSynchronizedEntityClass(Hold.class);
    }

    private static Optional<Hold> first(jakarta.persistence.Query query) {
        @SuppressWarnings("unchecked")
        List<Hold> holds = query.getResultList();
        return holds.stream().findFirst();
    }

    /** Whether readers wait for the record today (suspended holds do not count). */
    public boolean anyWaiting(UUID recordId, java.time.LocalDate today) {
        return count("recordId = ?1 and status = ?2 and (suspendedUntil is null or suspendedUntil < ?3)", recordId,
                HoldStatus.OPEN_NOT_YET_FILLED, today) > 0;
    }

    public Optional<Hold> openHoldOf(UUID patronId, UUID recordId) {
        return find("patronId = ?1 and recordId = ?2 and " + OPEN_FROM_3, withOpenStatuses(patronId, recordId))
                .firstResultOptional();
    }

    /** Open holds of a delivery order, in the order they were placed. */
    public List<Hold> ofDeliveryOrder(UUID orderId) {
        return find("deliveryOrderId = ?1 and " + OPEN_FROM_2, Sort.by("requestedAt").and("id"),
                withOpenStatuses(orderId)).list();
    }

    /** Copies promised to the patron for home delivery: they count against the loan limit. */
    public long openDeliveryHoldsOf(UUID patronId) {
        return count("patronId = ?1 and status = ?2", patronId, HoldStatus.OPEN_AWAITING_DELIVERY);
    }

    public long openHoldsOf(UUID patronId) {
        return count("patronId = ?1 and " + OPEN_FROM_2, withOpenStatuses(patronId));
    }

    /** 1 for the first waiting hold of the record; 0 once a copy is promised. */
    public long queuePosition(Hold hold) {
        if (hold.status() != HoldStatus.OPEN_NOT_YET_FILLED) {
            return 0;
        }
        return count("recordId = ?1 and status = ?2 and (requestedAt < ?3 or (requestedAt = ?3 and id <= ?4))",
                hold.recordId(), HoldStatus.OPEN_NOT_YET_FILLED, hold.requestedAt(), hold.id());
    }

    /**
     * Queue positions of a patron's waiting holds in one query (holds not waiting are absent: position 0). Asked by
     * patron rather than by the page's ids: the patron's waiting holds are few (the hold limit bounds them), and a
     * statement keyed by one id gets a generic plan where one keyed by an id array was planned at every call.
     */
    public java.util.Map<UUID, Long> queuePositions(UUID patronId, List<Hold> page) {
        if (page.stream().noneMatch(h -> h.status() == HoldStatus.OPEN_NOT_YET_FILLED)) {
            return java.util.Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("SELECT h.id, (SELECT count(*) FROM hold q"
                + " WHERE q.record_id = h.record_id AND q.status = 'OPEN_NOT_YET_FILLED' AND (q.requested_at <"
                + " h.requested_at OR (q.requested_at = h.requested_at AND q.id <= h.id))) FROM hold h"
                + " WHERE h.patron_id = ?1 AND h.status = 'OPEN_NOT_YET_FILLED'").setParameter(1, patronId)
                .getResultList();
        java.util.Map<UUID, Long> positions = new java.util.HashMap<>();
        for (Object[] row : rows) {
            positions.put((UUID) row[0], ((Number) row[1]).longValue());
        }
        return positions;
    }

    public List<Hold> expiredOnShelf(java.time.Instant now, int limit) {
        return find("status = ?1 and pickupBy < ?2", Sort.by("pickupBy").and("id"), HoldStatus.OPEN_AWAITING_PICKUP,
                now).withLock(LockModeType.PESSIMISTIC_WRITE).page(0, limit).list();
    }

    /** A patron's holds, newest first; only open ones when {@code openOnly}. */
    public Page<Hold> ofPatron(UUID patronId, boolean openOnly, int page, int size) {
        var query = openOnly ? find("patronId = ?1 and " + OPEN_FROM_2, Sort.descending("requestedAt").and("id"),
                withOpenStatuses(patronId)) : find("patronId", Sort.descending("requestedAt").and("id"), patronId);
        return new Page<>(query.page(page, size).list(), page, size, query.count());
    }

    /** The leading parameters followed by the four open statuses. */
    private static Object[] withOpenStatuses(Object... leading) {
        Object[] parameters = java.util.Arrays.copyOf(leading, leading.length + 4);
        parameters[leading.length] = HoldStatus.OPEN_NOT_YET_FILLED;
        parameters[leading.length + 1] = HoldStatus.OPEN_IN_TRANSIT;
        parameters[leading.length + 2] = HoldStatus.OPEN_AWAITING_PICKUP;
        parameters[leading.length + 3] = HoldStatus.OPEN_AWAITING_DELIVERY;
        return parameters;
    }
}
