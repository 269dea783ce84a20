package org.tongjie.platform.idempotency;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.tongjie.platform.tx.CommitBuffer;
import org.tongjie.platform.tx.CommitWrites;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
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
    private final CommitBuffer<Completion> completions;

    IdempotencyStore(AgroalDataSource dataSource, CommitWrites writes) {
        this.dataSource = dataSource;
        this.completions = writes.buffer("idempotent response", COMPLETE, IdempotencyStore::bind, () -> {
        });
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

    /**
     * Records the response the key produced, written as the transaction commits together with the rest of what it
     * collected ({@link CommitWrites}): the response is kept exactly when the effect is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String scope, String key, int status, String location, String body) {
        completions.add(new Completion(scope, key, status, location, body));
    }

    private record Completion(String scope, String key, int status, String location, String body) {
    }

    /** A transaction claims one key (a nested claim of the same key finds it claimed), so it completes one. */
    private static int bind(Connection connection, PreparedStatement update, int first, List<Completion> completions)
            throws SQLException {
        if (completions.size() != 1) {
            throw new IllegalStateException(completions.size() + " idempotent responses in one transaction");
        }
        Completion completion = completions.get(0);
        int p = first;
        update.setInt(p++, completion.status());
        update.setString(p++, completion.location());
        update.setString(p++, completion.body());
        update.setString(p++, completion.scope());
        update.setString(p++, completion.key());
        return p;
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
