package org.tongjie.platform.inbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * Remembers which events each consumer has acted on, inside the transaction of the effect, for
 * {@code tongjie.inbox.retention} (30 days unless set): far longer than a broker keeps a topic's events or a relay
 * could publish one again, so every redelivery still finds its record, and the table does not grow for ever.
 */
@ApplicationScoped
public class Inbox {

    private static final String RECORD = "INSERT INTO inbox_message (consumer, event_id, event_type) VALUES (?, ?, ?)"
            + " ON CONFLICT DO NOTHING";

    private static final String RECORD_ALL = "INSERT INTO inbox_message (consumer, event_id, event_type)"
            + " SELECT ?, e.id, e.type FROM unnest(?::uuid[], ?::text[]) AS e(id, type) ON CONFLICT DO NOTHING"
            + " RETURNING event_id";

    /** Records older than the retention, a bounded number per statement so no purge holds locks for long. */
    private static final String PURGE = "DELETE FROM inbox_message WHERE ctid = ANY(ARRAY(SELECT ctid FROM"
            + " inbox_message WHERE received_at < now() - make_interval(secs => ?) LIMIT ?))";
    static final int PURGE_BATCH = 10_000;

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final AgroalDataSource dataSource;
    private final Duration retention;

    Inbox(AgroalDataSource dataSource, @ConfigProperty(name = "tongjie.inbox.retention", defaultValue = "P30D")
            Duration retention) {
        this.dataSource = dataSource;
        this.retention = retention;
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purgeHourly() throws SQLException {
        purge();
    }

    /** Forgets the records older than the retention; returns how many were deleted. */
    long purge() throws SQLException {
        long deleted = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(PURGE)) {
            connection.setAutoCommit(true);
            delete.setLong(1, retention.toSeconds());
            delete.setInt(2, PURGE_BATCH);
            int batch;
            do {
                batch = delete.executeUpdate();
                deleted += batch;
            } while (batch == PURGE_BATCH);
        }
        if (deleted > 0) {
            LOG.infof("Inbox: forgot %d events received more than %s ago", deleted, retention);
        }
        return deleted;
    }

    /**
     * Records the event for this consumer; returns false when it was already recorded, in which case the
     * caller must not act on it again. A concurrent first delivery blocks here until the other commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId, String eventType) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(RECORD)) {
            insert.setString(1, consumer);
            insert.setObject(2, eventId);
            insert.setString(3, eventType);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record event " + eventId + " in the inbox", e);
        }
    }

    /** Records a batch of events in one statement; returns the ids seen for the first time (once each). */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Set<UUID> firstDeliveries(String consumer, java.util.List<UUID> eventIds,
            java.util.List<String> eventTypes) {
        java.util.Set<UUID> fresh = new java.util.HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(RECORD_ALL)) {
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("uuid", eventIds.toArray()));
            insert.setArray(3, connection.createArrayOf("text", eventTypes.toArray()));
            try (java.sql.ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
            return fresh;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record " + eventIds.size() + " events in the inbox", e);
        }
    }
}
