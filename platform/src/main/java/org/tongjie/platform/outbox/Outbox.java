package org.tongjie.platform.outbox;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.EventEnvelope;
import org.tongjie.platform.ids.TimeOrderedIds;
import org.tongjie.platform.tx.CommitBuffer;
import org.tongjie.platform.tx.CommitWrites;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Records domain events in the current database transaction. They reach Kafka only through the
 * {@link OutboxRelay}, and only if the transaction commits.
 */
@ApplicationScoped
public class Outbox {

    /**
     * A transaction's events in one statement, one array per column, inserted in the order they were added (their
     * {@code seq} follows it): one statement to parse, plan and execute per transaction instead of one per event.
     */
    private static final String INSERT = "INSERT INTO outbox_event "
            + "(id, aggregatetype, aggregateid, type, timestamp, payload, topic, traceparent) "
            + "SELECT e.id, e.aggregatetype, e.aggregateid, e.type, e.ts::timestamptz, e.payload::jsonb, e.topic, e.traceparent"
            + " FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::text[],"
            + " ?::varchar[], ?::varchar[]) WITH ORDINALITY"
            + " AS e(id, aggregatetype, aggregateid, type, ts, payload, topic, traceparent, n) ORDER BY e.n";

    private final ObjectMapper mapper;
    private final CommitBuffer<Pending> pending;
    private final Clock clock;

    Outbox(CommitWrites writes, ObjectMapper mapper, OutboxRelay relay, Clock clock) {
        this.mapper = mapper;
        this.pending = writes.buffer("outbox events", INSERT, this::bind, relay::wakeUp);
        this.clock = clock;
    }

    /**
     * Adds the event to the outbox of the caller's transaction, which must exist. The transaction's events are
     * written together, in the order they were added, as it commits, in the statement that writes the rest of
     * what the transaction collected ({@link CommitWrites}). The event is written as JSON now (events are values; what is written is what was added).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(DomainEvent event) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String data;
        try {
            data = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + event.eventType() + " cannot be written as JSON", e);
        }
        pending.add(new Pending(event.topic(), new Stored(TimeOrderedIds.next(), event.eventType(),
                event.eventVersion(), now, event.aggregateType(), event.aggregateId(), currentTraceparent(), data)));
    }

    /** An event waiting for its transaction to commit. */
    private record Pending(String topic, Stored envelope) {
    }

    /**
     * An {@link EventEnvelope} as it is stored and published, its {@code data} already JSON: the event is written
     * once, not turned into a tree first and the tree written after.
     */
    record Stored(UUID eventId, String eventType, int eventVersion, Instant occurredAt, String aggregateType,
            String aggregateId, String traceparent, @JsonRawValue String data) {
    }

    private int bind(Connection connection, PreparedStatement insert, int first, List<Pending> events)
            throws SQLException {
        int size = events.size();
        UUID[] ids = new UUID[size];
        String[] aggregateTypes = new String[size];
        String[] aggregateIds = new String[size];
        String[] types = new String[size];
        String[] timestamps = new String[size];
        String[] payloads = new String[size];
        String[] topics = new String[size];
        String[] traceparents = new String[size];
        try {
            for (int i = 0; i < size; i++) {
                Stored envelope = events.get(i).envelope();
                ids[i] = envelope.eventId();
                aggregateTypes[i] = envelope.aggregateType();
                aggregateIds[i] = envelope.aggregateId();
                types[i] = envelope.eventType();
                timestamps[i] = envelope.occurredAt().toString();
                payloads[i] = mapper.writeValueAsString(envelope);
                topics[i] = events.get(i).topic();
                traceparents[i] = envelope.traceparent();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + size + " events to the outbox", e);
        }
        int p = first;
        insert.setArray(p++, connection.createArrayOf("uuid", ids));
        insert.setArray(p++, connection.createArrayOf("varchar", aggregateTypes));
        insert.setArray(p++, connection.createArrayOf("varchar", aggregateIds));
        insert.setArray(p++, connection.createArrayOf("varchar", types));
        insert.setArray(p++, connection.createArrayOf("text", timestamps));
        insert.setArray(p++, connection.createArrayOf("text", payloads));
        insert.setArray(p++, connection.createArrayOf("varchar", topics));
        insert.setArray(p++, connection.createArrayOf("varchar", traceparents));
        return p;
    }

    private static String currentTraceparent() {
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }
}
