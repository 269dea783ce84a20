package org.tongjie.delivery.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.tongjie.delivery.config.DeliveryConfig;
import org.tongjie.platform.rest.Page;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders, shipments and return pickups sitting in one status longer than its service level — what
 * resource-sharing systems are known to lose track of — listed for operators and counted as metrics.
 */
@ApplicationScoped
public class StuckStates {

    /** What can get stuck: its table, the library column staff are scoped by, and the statuses that can. */
    public enum Kind {
        ORDER("delivery_order", "library_code", List.of("REQUESTED")),
        SHIPMENT("shipment", "source_library", List.of("PICKING", "PACKED", "HANDED_TO_COURIER", "IN_TRANSIT",
                "OUT_FOR_DELIVERY", "FAILED_ATTEMPT")),
        RETURN_PICKUP("return_pickup", "library_code", List.of("SCHEDULED", "PICKED_UP"));

        private final String table;
        private final String libraryColumn;
        private final List<String> statuses;

        Kind(String table, String libraryColumn, List<String> statuses) {
            this.table = table;
            this.libraryColumn = libraryColumn;
            this.statuses = statuses;
        }
    }

    private final DeliveryConfig config;
    private final EntityManager em;
    private final Clock clock;
    private final Map<Kind, AtomicLong> gauges = new EnumMap<>(Kind.class);

    StuckStates(DeliveryConfig config, EntityManager em, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.em = em;
        this.clock = clock;
        for (Kind kind : Kind.values()) {
            gauges.put(kind, registry.gauge("tongjie.delivery.stuck", Tags.of("kind", kind.name()), new AtomicLong()));
        }
    }

    /** One stuck item. */
    public record Stuck(String kind, UUID id, String libraryCode, String status, Instant since, long overdueMinutes) {
    }

    /** For each status of the kind that has a service level: entered before this instant means stuck. */
    public Map<String, Instant> cutoffs(Kind kind) {
        Map<String, Instant> cutoffs = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (String status : kind.statuses) {
            Duration sla = config.sla().get(status);
            if (sla != null) {
                cutoffs.put(status, now.minus(sla));
            }
        }
        return cutoffs;
    }

    /** Whether something entered this status longer ago than its service level. */
    public boolean isStuck(String status, Instant since) {
        Duration sla = config.sla().get(status);
        return sla != null && since.plus(sla).isBefore(clock.instant());
    }

    /**
     * One page of the stuck items of the given libraries (null: everywhere), oldest first: one query over orders,
     * shipments and return pickups together, so pages follow on from each other.
     */
    @SuppressWarnings("unchecked")
    public Page<Stuck> list(List<String> libraries, int page, int size) {
        List<Object> params = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            String part = stuckSql(kind, "'" + kind.name() + "' AS kind, id, " + kind.libraryColumn
                    + " AS library_code, status, status_since", libraries, params);
            if (part != null) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            return new Page<>(List.of(), page, size, 0);
        }
        String union = String.join(" UNION ALL ", parts);
        long total = ((Number) bind(em.createNativeQuery("SELECT count(*) FROM (" + union + ") s"), params)
                .getSingleResult()).longValue();
        List<Stuck> stuck = new ArrayList<>();
        Instant now = clock.instant();
        for (Object[] row : (List<Object[]>) bind(em.createNativeQuery(union + " ORDER BY status_since, id LIMIT "
                + size + " OFFSET " + (long) page * size), params).getResultList()) {
            String status = (String) row[3];
            Instant since = org.tongjie.platform.time.Timestamps.toInstant(row[4]);
            stuck.add(new Stuck((String) row[0], (UUID) row[1], (String) row[2], status, since,
                    Duration.between(since.plus(config.sla().get(status)), now).toMinutes()));
        }
        return new Page<>(stuck, page, size, total);
    }

    /** Recounts the gauges; runs every minute. */
    @Transactional
    @io.quarkus.scheduler.Scheduled(every = "1m", delayed = "15s",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = io.quarkus.scheduler.Scheduled.ApplicationNotRunning.class)
    public void recount() {
        for (Kind kind : Kind.values()) {
            List<Object> params = new ArrayList<>();
            String sql = stuckSql(kind, "count(*)", null, params);
            gauges.get(kind).set(sql == null ? 0
                    : ((Number) bind(em.createNativeQuery(sql), params).getSingleResult()).longValue());
        }
    }

    /**
     * The kind's stuck rows (status entered before its cutoff), of the libraries unless null; its parameters are
     * added to {@code params} and numbered after those already there. Null when no status has a service level.
     */
    private String stuckSql(Kind kind, String select, List<String> libraries, List<Object> params) {
        Map<String, Instant> cutoffs = cutoffs(kind);
        if (cutoffs.isEmpty()) {
            return null;
        }
        List<String> late = new ArrayList<>();
        for (var cutoff : cutoffs.entrySet()) {
            params.add(cutoff.getKey());
            params.add(cutoff.getValue());
            late.add("(status = ?" + (params.size() - 1) + " AND status_since < ?" + params.size() + ")");
        }
        String scope = "";
        if (libraries != null) {
            params.add(libraries);
            scope = " AND " + kind.libraryColumn + " IN (?" + params.size() + ")";
        }
        return "SELECT " + select + " FROM " + kind.table + " WHERE (" + String.join(" OR ", late) + ")" + scope;
    }

    private static Query bind(Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }
}
