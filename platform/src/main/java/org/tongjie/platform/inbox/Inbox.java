package org.tongjie.platform.inbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** Remembers which events each consumer has acted on, inside the transaction of the effect. */
@ApplicationScoped
public class Inbox {

    private static final String RECORD = "INSERT INTO inbox_message (consumer, event_id, event_type) VALUES (?, ?, ?)"
            + " ON CONFLICT DO NOTHING";

    private static final String RECORD_ALL = "INSERT INTO inbox_message (consumer, event_id, event_type)"
            + " SELECT ?, e.id, e.type FROM unnest(?::uuid[], ?::text[]) AS e(id, type) ON CONFLICT DO NOTHING"
            + " RETURNING event_id";

    private final AgroalDataSource dataSource;

    Inbox(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
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
