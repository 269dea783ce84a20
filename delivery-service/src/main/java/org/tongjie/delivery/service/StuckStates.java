package org.tongjie.delivery.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.tongjie.delivery.config.DeliveryConfig;
import org.tongjie.platform.security.Caller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
    private final Caller caller;
    private final Clock clock;
    private final Map<Kind, AtomicLong> gauges = new EnumMap<>(Kind.class);

    StuckStates(DeliveryConfig config, EntityManager em, Caller caller, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.em = em;
        this.caller = caller;
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

    /** Stuck items of one library (staff) or the whole network (operators, network administrators), oldest first. */
    @SuppressWarnings("unchecked")
    public List<Stuck> list(String libraryCode, int limit) {
        caller.requireActsFor(libraryCode != null ? libraryCode : "*");
        List<Stuck> stuck = new ArrayList<>();
        Instant now = clock.instant();
        for (Kind kind : Kind.values()) {
            Query query = stuckQuery(kind, "id, " + kind.libraryColumn + ", status, status_since", libraryCode,
                    " ORDER BY status_since LIMIT " + limit);
            if (query == null) {
                continue;
            }
            for (Object[] row : (List<Object[]>) query.getResultList()) {
                String status = (String) row[2];
                Instant since = org.tongjie.platform.time.Timestamps.toInstant(row[3]);
                stuck.add(new Stuck(kind.name(), (UUID) row[0], (String) row[1], status, since,
                        Duration.between(since.plus(config.sla().get(status)), now).toMinutes()));
            }
        }
        stuck.sort(Comparator.comparing(Stuck::since).thenComparing(Stuck::id));
        return stuck.size() > limit ? stuck.subList(0, limit) : stuck;
    }

    /** Recounts the gauges; runs every minute. */
    @Transactional
    @io.quarkus.scheduler.Scheduled(every = "1m", delayed = "15s",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    public void recount() {
        for (Kind kind : Kind.values()) {
            Query query = stuckQuery(kind, "count(*)", null, "");
            gauges.get(kind).set(query == null ? 0 : ((Number) query.getSingleResult()).longValue());
        }
    }

    /** One query for the kind's stuck rows (status entered before its cutoff); null when no status has an SLA. */
    private Query stuckQuery(Kind kind, String select, String libraryCode, String tail) {
        Map<String, Instant> cutoffs = cutoffs(kind);
        if (cutoffs.isEmpty()) {
            return null;
        }
        List<Object> params = new ArrayList<>();
        List<String> late = new ArrayList<>();
        for (var cutoff : cutoffs.entrySet()) {
            params.add(cutoff.getKey());
            params.add(cutoff.getValue());
            late.add("(status = ?" + (params.size() - 1) + " AND status_since < ?" + params.size() + ")");
        }
        String scope = "";
        if (libraryCode != null) {
            params.add(libraryCode);
            scope = " AND " + kind.libraryColumn + " = ?" + params.size();
        }
        Query query = em.createNativeQuery("SELECT " + select + " FROM " + kind.table + " WHERE ("
                + String.join(" OR ", late) + ")" + scope + tail);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }
}
