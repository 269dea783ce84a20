package org.tongjie.platform.indicators;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Moves recorded facts into the daily, total and member tables — summed, and deleted in the same statement, so a
 * fact is counted once whatever fails or runs twice. Several replicas may run it at once (SKIP LOCKED).
 */
@ApplicationScoped
public class IndicatorRollup {

    private static final Logger LOG = Logger.getLogger(IndicatorRollup.class);
    static final int BATCH = 20_000;

    private static final String ROLL_UP = """
            WITH moved AS (
                DELETE FROM indicator_fact WHERE seq IN
                    (SELECT seq FROM indicator_fact ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING library_code, counterpart, metric, day, bucket, value, member),
            daily AS (
                INSERT INTO indicator_daily AS d (library_code, day, metric, counterpart, bucket, value)
                SELECT library_code, day, metric, counterpart, bucket, sum(value) FROM moved WHERE bucket <> -3
                GROUP BY library_code, day, metric, counterpart, bucket
                ON CONFLICT (library_code, day, metric, counterpart, bucket)
                DO UPDATE SET value = d.value + EXCLUDED.value),
            monthly AS (
                INSERT INTO indicator_monthly AS m (library_code, month, metric, counterpart, bucket, value)
                SELECT library_code, date_trunc('month', day)::date, metric, counterpart, bucket, sum(value)
                FROM moved WHERE bucket <> -3
                GROUP BY library_code, date_trunc('month', day)::date, metric, counterpart, bucket
                ON CONFLICT (library_code, month, metric, counterpart, bucket)
                DO UPDATE SET value = m.value + EXCLUDED.value),
            totals AS (
                INSERT INTO indicator_total AS t (library_code, metric, value)
                SELECT library_code, metric, sum(value) FROM moved WHERE bucket = -2 GROUP BY library_code, metric
                ON CONFLICT (library_code, metric) DO UPDATE SET value = t.value + EXCLUDED.value),
            members AS (
                INSERT INTO indicator_member (library_code, metric, month, member)
                SELECT DISTINCT library_code, metric, date_trunc('month', day)::date, member FROM moved
                WHERE bucket = -3
                ON CONFLICT DO NOTHING)
            SELECT count(*) FROM moved""";

    private final AgroalDataSource dataSource;

    IndicatorRollup(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Scheduled(every = "${tongjie.indicators.rollup-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
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
            while (true) {
                statement.setInt(1, BATCH);
                long moved;
                try (var rs = statement.executeQuery()) {
                    rs.next();
                    moved = rs.getLong(1);
                }
                total += moved;
                if (moved < BATCH) {
                    return total;
                }
            }
        }
    }
}
