package org.tongjie.platform.idempotency;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The idempotency keys seen, with the response each produced; kept for a day. */
@ApplicationScoped
public class IdempotencyStore {

    private static final String CLAIM = "INSERT INTO idempotency_key (scope, key, fingerprint) VALUES (?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    private static final String FIND = "SELECT fingerprint, status, location, body FROM idempotency_key"
            + " WHERE scope = ? AND key = ?";
    private static final String COMPLETE = "UPDATE idempotency_key SET status = ?, location = ?, body = ?"
            + " WHERE scope = ? AND key = ?";
    private static final String EXPIRE = "DELETE FROM idempotency_key WHERE created_at < now() - interval '24 hours'";

    private final AgroalDataSource dataSource;

    IdempotencyStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The response a key produced. */
    public record Outcome(String fingerprint, int status, String location, String body) {
    }

    /**
     * Claims the key in the current transaction; when it was claimed before (by a committed request, or by
     * a concurrent one that has now committed) returns what that request produced.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Outcome> claim(String scope, String key, String fingerprint) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                claim.setString(1, scope);
                claim.setString(2, key);
                claim.setString(3, fingerprint);
                if (claim.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement find = connection.prepareStatement(FIND)) {
                find.setString(1, scope);
                find.setString(2, key);
                try (ResultSet rs = find.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("Idempotency key vanished while claimed: " + key);
                    }
                    return Optional.of(new Outcome(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim idempotency key", e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String scope, String key, int status, String location, String body) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(COMPLETE)) {
            update.setInt(1, status);
            update.setString(2, location);
            update.setString(3, body);
            update.setString(4, scope);
            update.setString(5, key);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the idempotent response", e);
        }
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expire() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(EXPIRE)) {
            delete.executeUpdate();
        }
    }
}
