package org.tongjie.platform.indicators;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tongjie.platform.tx.CommitBuffer;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records what happened for the network's indicators, in the caller's transaction: a loan made, a copy added, how
 * long a hold took to fill. Facts are kept per transaction and written in one statement just before it commits;
 * {@link IndicatorRollup} sums them into daily rows. Days are calendar days in {@code tongjie.indicators.zone}.
 */
@ApplicationScoped
public class Indicators {

    static final int COUNT = -1;
    static final int STOCK = -2;
    static final int MEMBER = -3;
    /** Duration buckets grow by this factor, so a median read from them is within ±5 % of the true one. */
    static final double BUCKET_GROWTH = 1.1;
    static final int MAX_BUCKET = 300;
    private static final int MAX_ROWS_PER_STATEMENT = 1000;

    private static final String COLUMNS = "INSERT INTO indicator_fact (library_code, counterpart, metric, day, "
            + "bucket, value, member) VALUES ";

    private final AgroalDataSource dataSource;
    private final CommitBuffer<Fact> pending;
    private final ZoneId zone;

    Indicators(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "tongjie.indicators.zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        this.dataSource = dataSource;
        this.pending = new CommitBuffer<>(transactions, "indicator-facts", this::write, () -> {
        });
        this.zone = zone;
    }

    private record Fact(String library, String counterpart, String metric, LocalDate day, int bucket, long value,
            UUID member) {
    }

    /** One more of {@code metric} at the library. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void count(String library, String metric, Instant at) {
        count(library, null, metric, at, 1);
    }

    /**
     * {@code value} more of {@code metric} at the library; {@code counterpart} names the other library of a
     * cross-library fact (the copy's owner for a loan made here), or null.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void count(String library, String counterpart, String metric, Instant at, long value) {
        add(new Fact(library, counterpart == null ? "" : counterpart, metric, day(at), COUNT, value, null));
    }

    /** {@code value} more of {@code metric} on a given day, for figures entered per period rather than events. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void countOn(String library, String metric, LocalDate day, long value) {
        add(new Fact(library, "", metric, day, COUNT, value, null));
    }

    /** A level that went up or down by {@code delta}, such as copies held or patrons registered. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stock(String library, String metric, Instant at, long delta) {
        add(new Fact(library, "", metric, day(at), STOCK, delta, null));
    }

    /** How long something took, kept as a histogram so medians can be read for any range of days. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void duration(String library, String metric, Instant at, Duration took) {
        add(new Fact(library, "", metric, day(at), bucketOf(took), 1, null));
    }

    /** A member of a distinct set in the month of {@code at}, such as a patron who borrowed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void member(String library, String metric, Instant at, UUID member) {
        add(new Fact(library, "", metric, day(at), MEMBER, 0, member));
    }

    static int bucketOf(Duration took) {
        double seconds = Math.max(0, took.toMillis() / 1000.0);
        return (int) Math.min(MAX_BUCKET, Math.floor(Math.log1p(seconds) / Math.log(BUCKET_GROWTH)));
    }

    /** A bucket's representative duration in seconds: the geometric middle of its bounds. */
    static double secondsOf(int bucket) {
        return Math.sqrt(Math.pow(BUCKET_GROWTH, bucket) * Math.pow(BUCKET_GROWTH, bucket + 1)) - 1;
    }

    private LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    private void add(Fact fact) {
        if (fact.library() != null) {
            pending.add(fact);
        }
    }

    /** Writes the transaction's facts, like ones summed into one row, in as few statements as it takes. */
    private void write(List<Fact> facts) {
        java.util.Map<Fact, Long> merged = new java.util.LinkedHashMap<>();
        for (Fact fact : facts) {
            Fact key = fact.member() == null ? new Fact(fact.library(), fact.counterpart(), fact.metric(), fact.day(),
                    fact.bucket(), 0, null) : fact;
            merged.merge(key, fact.value(), Long::sum);
        }
        List<java.util.Map.Entry<Fact, Long>> rows = new ArrayList<>(merged.entrySet());
        for (int from = 0; from < rows.size(); from += MAX_ROWS_PER_STATEMENT) {
            insert(rows.subList(from, Math.min(rows.size(), from + MAX_ROWS_PER_STATEMENT)));
        }
    }

    private void insert(List<java.util.Map.Entry<Fact, Long>> rows) {
        StringBuilder sql = new StringBuilder(COLUMNS);
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            int p = 0;
            for (var row : rows) {
                Fact fact = row.getKey();
                insert.setString(++p, fact.library());
                insert.setString(++p, fact.counterpart());
                insert.setString(++p, fact.metric());
                insert.setDate(++p, Date.valueOf(fact.day()));
                insert.setInt(++p, fact.bucket());
                insert.setLong(++p, fact.member() == null ? row.getValue() : 0);
                insert.setObject(++p, fact.member());
            }
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record " + rows.size() + " indicator facts", e);
        }
    }
}
