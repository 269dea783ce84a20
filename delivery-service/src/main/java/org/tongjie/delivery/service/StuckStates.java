package org.tongjie.delivery.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.tongjie.delivery.config.DeliveryConfig;
import org.tongjie.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders, shipments, return pickups and transfers sitting in one status longer than its service level — what
 * resource-sharing systems are known to lose track of — listed for operators and counted as metrics.
 */
@ApplicationScoped
public class StuckStates {

    /** Where each kind lives: table, library column, status and since columns. */
    private static final Map<String, String[]> KINDS = Map.of(
            "ORDER", new String[] {"delivery_order", "library_code", "status", "status_since"},
            "SHIPMENT", new String[] {"shipment", "source_library", "status", "status_since"},
            "RETURN_PICKUP", new String[] {"return_pickup", "library_code", "status", "status_since"});

    private final DeliveryConfig config;
    private final EntityManager em;
    private final Caller caller;
    private final Clock clock;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    StuckStates(DeliveryConfig config, EntityManager em, Caller caller, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.em = em;
        this.caller = caller;
        this.clock = clock;
        for (String kind : List.of("ORDER", "SHIPMENT", "RETURN_PICKUP")) {
            gauges.put(kind, registry.gauge("tongjie.delivery.stuck", Tags.of("kind", kind), new AtomicLong()));
        }
    }

    /** One stuck item. */
    public record Stuck(String kind, UUID id, String libraryCode, String status, Instant since, long overdueMinutes) {
    }

    /** Stuck items of one library (staff) or the whole network (operators, network administrators), oldest first. */
    public List<Stuck> list(String libraryCode, int limit) {
        if (libraryCode != null) {
            caller.requireActsFor(libraryCode);
        } else {
            caller.requireActsFor("*");
        }
        List<Stuck> stuck = new ArrayList<>();
        for (var kind : KINDS.entrySet()) {
            stuck.addAll(query(kind.getKey(), kind.getValue(), libraryCode, limit));
        }
        stuck.sort(Comparator.comparing(Stuck::since).thenComparing(Stuck::id));
        return stuck.size() > limit ? stuck.subList(0, limit) : stuck;
    }

    /** Recounts the gauges; runs every minute. */
    @Transactional
    @io.quarkus.scheduler.Scheduled(every = "1m", delayed = "15s",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    public void recount() {
        for (var kind : KINDS.entrySet()) {
            long n = 0;
            for (var sla : config.sla().entrySet()) {
                String[] t = kind.getValue();
                n += ((Number) em.createNativeQuery("SELECT count(*) FROM " + t[0] + " WHERE " + t[2] + " = ?1 AND "
                        + t[3] + " < ?2").setParameter(1, sla.getKey())
                        .setParameter(2, clock.instant().minus(sla.getValue())).getSingleResult()).longValue();
            }
            gauges.get(kind.getKey()).set(n);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Stuck> query(String kind, String[] t, String libraryCode, int limit) {
        List<Stuck> found = new ArrayList<>();
        Instant now = clock.instant();
        for (var sla : config.sla().entrySet()) {
            String sql = ("SELECT id, " + t[1] + ", " + t[3] + " FROM " + t[0]
                    + " WHERE " + t[2] + " = ?1 AND " + t[3] + " < ?2" + (libraryCode != null ? " AND " + t[1]
                    + " = ?3" : "") + " ORDER BY " + t[3] + " LIMIT " + limit);
            var query = em.createNativeQuery(sql).setParameter(1, sla.getKey())
                    .setParameter(2, now.minus(sla.getValue()));
            if (libraryCode != null) {
                query.setParameter(3, libraryCode);
            }
            List<Object[]> rows = query.getResultList();
            for (Object[] row : rows) {
                Instant since = Transfers.toInstant(row[2]);
                found.add(new Stuck(kind, (UUID) row[0], (String) row[1], sla.getKey(), since,
                        java.time.Duration.between(since.plus(sla.getValue()), now).toMinutes()));
            }
        }
        return found;
    }
}
