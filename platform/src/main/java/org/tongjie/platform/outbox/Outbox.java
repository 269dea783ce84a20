package org.tongjie.platform.outbox;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.EventEnvelope;
import org.tongjie.platform.tx.CommitBuffer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
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

    private static final String INSERT = "INSERT INTO outbox_event "
            + "(id, aggregatetype, aggregateid, type, timestamp, payload, topic, traceparent) "
            + "VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final CommitBuffer<Pending> pending;
    private final Clock clock;

    Outbox(AgroalDataSource dataSource, ObjectMapper mapper, TransactionSynchronizationRegistry transactions,
            OutboxRelay relay, Clock clock) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.pending = new CommitBuffer<>(transactions, "outbox-events", this::insert, relay::wakeUp);
        this.clock = clock;
    }

    /**
     * Adds the event to the outbox of the caller's transaction, which must exist. The transaction's events are
     * written together, in the order they were added, as it commits: one round trip to the database for all of
     * them. The event is written as JSON now (events are values; what is written is what was added).
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
        pending.add(new Pending(event.topic(), new Stored(UUID.randomUUID(), event.eventType(), event.eventVersion(),
                now, event.aggregateType(), event.aggregateId(), currentTraceparent(), data)));
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

    private void insert(List<Pending> events) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Pending event : events) {
                Stored envelope = event.envelope();
                insert.setObject(1, envelope.eventId());
                insert.setString(2, envelope.aggregateType());
                insert.setString(3, envelope.aggregateId());
                insert.setString(4, envelope.eventType());
                insert.setTimestamp(5, Timestamp.from(envelope.occurredAt()));
                insert.setString(6, mapper.writeValueAsString(envelope));
                insert.setString(7, event.topic());
                insert.setString(8, envelope.traceparent());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + events.size() + " events to the outbox", e);
        }
    }

    private static String currentTraceparent() {
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }
}
