package org.tongjie.platform.indicators;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Moves recorded facts into the daily, monthly, total and member tables — summed, and deleted in the same
 * transaction, so a fact is counted once whatever fails or runs twice. Distinct members go into per-month bitmaps
 * ({@link MemberBitmaps}). Several replicas may run it at once (SKIP LOCKED).
 */
@ApplicationScoped
public class IndicatorRollup {

    private static final Logger LOG = Logger.getLogger(IndicatorRollup.class);
    static final int BATCH = 20_000;

    // The batch's keys as an array, deleted through the primary key: a plan that stays linear even when the
    // statistics still describe an empty table after a bulk of facts (a migration counting an existing database).
    // Each sum is kept once for its library and once for the whole network (library '*'), where a fact of another
    // library's copy has the counterpart '*'.
    private static final String ROLL_UP = """
            WITH moved AS (
                DELETE FROM indicator_fact WHERE seq = ANY(ARRAY(
                    SELECT seq FROM indicator_fact ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED))
                RETURNING library_code, counterpart, metric, day, bucket, value, member),
            facts AS (
                SELECT library_code, counterpart, metric, day, bucket, value FROM moved WHERE bucket <> -3
                UNION ALL
                SELECT '*', CASE WHEN counterpart <> '' AND counterpart <> library_code THEN '*' ELSE '' END,
                       metric, day, bucket, value FROM moved WHERE bucket <> -3),
            daily AS (
                INSERT INTO indicator_daily AS d (library_code, day, metric, counterpart, bucket, value)
                SELECT library_code, day, metric, counterpart, bucket, sum(value) FROM facts
                GROUP BY library_code, day, metric, counterpart, bucket
                ON CONFLICT (library_code, day, metric, counterpart, bucket)
                DO UPDATE SET value = d.value + EXCLUDED.value),
            monthly AS (
                INSERT INTO indicator_monthly AS m (library_code, month, metric, counterpart, bucket, value)
                SELECT library_code, date_trunc('month', day)::date, metric, counterpart, bucket, sum(value)
                FROM facts GROUP BY library_code, date_trunc('month', day)::date, metric, counterpart, bucket
                ON CONFLICT (library_code, month, metric, counterpart, bucket)
                DO UPDATE SET value = m.value + EXCLUDED.value),
            totals AS (
                INSERT INTO indicator_total AS t (library_code, metric, value)
                SELECT library_code, metric, sum(value) FROM facts WHERE bucket = -2 GROUP BY library_code, metric
                ON CONFLICT (library_code, metric) DO UPDATE SET value = t.value + EXCLUDED.value),
            counted AS (SELECT count(*) AS moved FROM moved)
            SELECT NULL, NULL, NULL::date, NULL::uuid, moved FROM counted
            UNION ALL
            SELECT DISTINCT library_code, metric, date_trunc('month', day)::date, member, 0 FROM moved
            WHERE bucket = -3""";

    private final AgroalDataSource dataSource;

    IndicatorRollup(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Scheduled(every = "${tongjie.indicators.rollup-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            rollUp();
        } catch (SQLException e) {
            LOG.warnf("Indicator roll-up failed, facts stay for the next run: %s", e.getMessage());
        }
    }

    /** Rolls up every fact recorded so far; returns how many were moved. */
    public long rollUp() throws SQLException {
        long total = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(ROLL_UP)) {
            connection.setAutoCommit(false);
            try {
                for (int batch = 1; ; batch++) {
                    long moved = rollUpBatch(connection, statement);
                    connection.commit();
                    total += moved;
                    if (moved < BATCH) {
                        return total;
                    }
                    if (batch == 1) {
                        // A backlog (a migration's bulk of facts): let the planner see it before the next batches.
                        try (var analyze = connection.createStatement()) {
                            analyze.execute("ANALYZE indicator_fact");
                        }
                        connection.commit();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Moves one batch of facts: sums in the statement itself, members into their bitmaps. */
    private static long rollUpBatch(Connection connection, PreparedStatement statement) throws SQLException {
        statement.setInt(1, BATCH);
        long moved = 0;
        Map<MemberBitmaps.Key, Set<UUID>> members = new HashMap<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                if (rs.getString(1) == null) {
                    moved = rs.getLong(5);
                } else {
                    members.computeIfAbsent(new MemberBitmaps.Key(rs.getString(1), rs.getString(2),
                            rs.getDate(3).toLocalDate()), k -> new HashSet<>()).add(rs.getObject(4, UUID.class));
                }
            }
        }
        MemberBitmaps.add(connection, members);
        return moved;
    }
}
