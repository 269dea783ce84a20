package org.tongjie.loan.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.tongjie.loan.domain.Patron;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.time.Timestamps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What an operator should act on in circulation: holds about to expire on the shelf, readers who are blocked. */
@ApplicationScoped
public class AttentionLists {

    /** Readers owing fines or holding overdue items looked at per request for the blocked list, most overdue first. */
    public static final int BLOCK_CANDIDATES = 500;

    private final EntityManager em;
    private final PatronBlocks blocks;
    private final Clock clock;

    AttentionLists(EntityManager em, PatronBlocks blocks, Clock clock) {
        this.em = em;
        this.blocks = blocks;
        this.clock = clock;
    }

    /** A hold waiting on a hold shelf that expires soon. */
    public record ExpiringHold(UUID holdId, String cardNumber, String barcode, String pickupServicePoint,
            String libraryCode, Instant pickupBy, long hoursLeft) {
    }

    /** A blocked reader, with why and since when. */
    public record BlockedPatron(String cardNumber, String name, String homeLibrary, long fineBalanceFen,
            long overdueItems, Instant overdueSince, Long daysOverdue, List<String> blocks) {
    }

    @SuppressWarnings("unchecked")
    @Transactional
    public Page<ExpiringHold> expiringHolds(List<String> libraries, Duration within, int page, int size) {
        Instant now = clock.instant();
        String from = " FROM hold h JOIN service_point s ON s.code = h.pickup_service_point"
                + " JOIN patron p ON p.id = h.patron_id LEFT JOIN circulation_copy c ON c.copy_id = h.copy_id"
                + " WHERE h.status = 'OPEN_AWAITING_PICKUP' AND h.pickup_by < ?1 AND s.library_code = ANY(?2)";
        String[] codes = libraries.toArray(String[]::new);
        long total = ((Number) em.createNativeQuery("SELECT count(*)" + from).setParameter(1, now.plus(within))
                .setParameter(2, codes).getSingleResult()).longValue();
        List<Object[]> rows = em.createNativeQuery("SELECT h.id, p.card_number, c.barcode, h.pickup_service_point,"
                        + " s.library_code, h.pickup_by" + from + " ORDER BY h.pickup_by, h.id")
                .setParameter(1, now.plus(within)).setParameter(2, codes)
                .setFirstResult(page * size).setMaxResults(size).getResultList();
        List<ExpiringHold> items = new ArrayList<>();
        for (Object[] row : rows) {
            Instant pickupBy = Timestamps.toInstant(row[5]);
            items.add(new ExpiringHold((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                    (String) row[4], pickupBy, Duration.between(now, pickupBy).toHours()));
        }
        return new Page<>(items, page, size, total);
    }

    /**
     * Blocked readers of the libraries, most overdue first, then those blocked by fines. Blocks depend on each
     * reader's policy, so the list is drawn from the {@value #BLOCK_CANDIDATES} readers owing the most overdue
     * items or fines; {@code total} counts the blocked among them.
     */
    @SuppressWarnings("unchecked")
    @Transactional
    public Page<BlockedPatron> blockedPatrons(List<String> libraries, int page, int size) {
        Instant now = clock.instant();
        List<Object[]> candidates = em.createNativeQuery("WITH c AS ("
                        + " SELECT id FROM patron WHERE fine_balance_fen > 0 AND home_library = ANY(?1)"
                        + " UNION SELECT l.patron_id FROM loan l JOIN patron p ON p.id = l.patron_id"
                        + " WHERE l.status = 'OPEN' AND l.due_at < ?2 AND p.home_library = ANY(?1))"
                        + " SELECT c.id, o.n, o.since FROM c CROSS JOIN LATERAL (SELECT count(*) AS n,"
                        + " min(due_at) AS since FROM loan"
                        + " WHERE patron_id = c.id AND status = 'OPEN' AND due_at < ?2) o"
                        + " ORDER BY o.since NULLS LAST, c.id LIMIT " + BLOCK_CANDIDATES)
                .setParameter(1, libraries.toArray(String[]::new)).setParameter(2, now).getResultList();
        if (candidates.isEmpty()) {
            return new Page<>(List.of(), page, size, 0);
        }
        Map<UUID, Patron> patrons = new HashMap<>();
        em.createQuery("from Patron p where p.id in :ids", Patron.class)
                .setParameter("ids", candidates.stream().map(row -> (UUID) row[0]).toList())
                .getResultList().forEach(p -> patrons.put(p.id(), p));
        List<BlockedPatron> blocked = new ArrayList<>();
        for (Object[] row : candidates) {
            Patron patron = patrons.get((UUID) row[0]);
            List<String> reasons = blocks.current(patron);
            if (reasons.isEmpty()) {
                continue;
            }
            Instant since = row[2] == null ? null : Timestamps.toInstant(row[2]);
            blocked.add(new BlockedPatron(patron.cardNumber(), patron.name(), patron.homeLibrary(),
                    patron.fineBalanceFen(), ((Number) row[1]).longValue(), since,
                    since == null ? null : Duration.between(since, now).toDays(), reasons));
        }
        int from = Math.min(blocked.size(), page * size);
        return new Page<>(blocked.subList(from, Math.min(blocked.size(), from + size)), page, size, blocked.size());
    }
}
