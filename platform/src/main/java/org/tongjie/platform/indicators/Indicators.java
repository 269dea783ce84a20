package org.tongjie.platform.indicators;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tongjie.platform.tx.CommitBuffer;
import org.tongjie.platform.tx.CommitWrites;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records what happened for the network's indicators, in the caller's transaction: a loan made, a copy added, how
 * long a hold took to fill. Facts are kept per transaction and written just before it commits ({@link CommitWrites});
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

    /** A transaction's facts in one statement, one array per column, however many there are. */
    private static final String INSERT = "INSERT INTO indicator_fact (library_code, counterpart, metric, day, bucket,"
            + " value, member) SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::date[], ?::int[],"
            + " ?::bigint[], ?::uuid[])";

    private final CommitBuffer<Fact> pending;
    private final ZoneId zone;

    Indicators(CommitWrites writes,
            @ConfigProperty(name = "tongjie.indicators.zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        this.pending = writes.buffer("indicator facts", INSERT, Indicators::bind, () -> {
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

    /** Binds the transaction's facts, like ones summed into one row. */
    private static int bind(Connection connection, PreparedStatement insert, int first, List<Fact> facts)
            throws SQLException {
        Map<Fact, Long> merged = new LinkedHashMap<>();
        for (Fact fact : facts) {
            Fact key = fact.member() == null ? new Fact(fact.library(), fact.counterpart(), fact.metric(), fact.day(),
                    fact.bucket(), 0, null) : fact;
            merged.merge(key, fact.value(), Long::sum);
        }
        int size = merged.size();
        String[] libraries = new String[size];
        String[] counterparts = new String[size];
        String[] metrics = new String[size];
        Date[] days = new Date[size];
        Integer[] buckets = new Integer[size];
        Long[] values = new Long[size];
        UUID[] members = new UUID[size];
        int i = 0;
        for (Map.Entry<Fact, Long> row : merged.entrySet()) {
            Fact fact = row.getKey();
            libraries[i] = fact.library();
            counterparts[i] = fact.counterpart();
            metrics[i] = fact.metric();
            days[i] = Date.valueOf(fact.day());
            buckets[i] = fact.bucket();
            values[i] = fact.member() == null ? row.getValue() : 0;
            members[i] = fact.member();
            i++;
        }
        int p = first;
        insert.setArray(p++, connection.createArrayOf("varchar", libraries));
        insert.setArray(p++, connection.createArrayOf("varchar", counterparts));
        insert.setArray(p++, connection.createArrayOf("varchar", metrics));
        insert.setArray(p++, connection.createArrayOf("date", days));
        insert.setArray(p++, connection.createArrayOf("int4", buckets));
        insert.setArray(p++, connection.createArrayOf("int8", values));
        insert.setArray(p++, connection.createArrayOf("uuid", members));
        return p;
    }
}
