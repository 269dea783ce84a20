package org.tongjie.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox rows to Kafka in commit order and marks them sent. The relays of several replicas take turns:
 * a round runs under a transaction-scoped advisory lock, so one relay at a time claims the oldest unsent events
 * and every aggregate's events leave in order without any per-key bookkeeping. A relay that finds the lock taken
 * tries again shortly. A failed publish rolls the round back and the relay backs off; at worst an event is
 * published twice, which the consumers' inboxes absorb.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /**
     * The lock a relay holds for its round, one per database (advisory locks are per database): the first eight
     * bytes of SHA-256("tongjie outbox relay").
     */
    static final long ROUND_LOCK = 0xa45820bc5d7aa260L;
    private static final String TAKE_TURN = "SELECT pg_try_advisory_xact_lock(?)";
    /**
     * Run after the lock is taken, so its snapshot sees every round committed before: the only relay that could
     * mark these events sent is this one.
     */
    private static final String CLAIM = "SELECT seq, aggregatetype, aggregateid, topic, payload::text, id, type,"
            + " traceparent FROM outbox_event WHERE sent_at IS NULL ORDER BY seq LIMIT ?";
    private static final String MARK_SENT = "UPDATE outbox_event SET sent_at = now() WHERE seq = ANY(?)";
    /** What {@link #relayOnce()} returns when another relay holds the round's lock. */
    static final int ANOTHER_RELAYS_TURN = -1;
    /** How soon a relay that found another in its round tries again. */
    private static final long TURN_RETRY_MILLIS = 20;
    private static final String BACKLOG = "SELECT count(*), min(timestamp) FROM outbox_event WHERE sent_at IS NULL";
    private static final String PURGE = "DELETE FROM outbox_event WHERE sent_at < now() - make_interval(secs => ?)";

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestUnsentMillis = new AtomicLong();
    private final Counter published;
    private final Counter rounds;
    private final Object signal = new Object();

    private volatile boolean running;
    private boolean wakeRequested;
    private Thread worker;
    private KafkaProducer<String, String> producer;
    private Instant lastHousekeeping = Instant.EPOCH;

    OutboxRelay(AgroalDataSource dataSource, OutboxConfig config, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.dataSource = dataSource;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.published = Counter.builder("tongjie.outbox.published").description("Events published by this relay")
                .register(registry);
        this.rounds = Counter.builder("tongjie.outbox.rounds").description("Rounds of this relay that published events")
                .register(registry);
        Gauge.builder("tongjie.outbox.backlog", backlog, AtomicLong::get)
                .description("Committed events not yet published").register(registry);
        Gauge.builder("tongjie.outbox.oldest.unsent.seconds", oldestUnsentMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest unpublished event").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.relayEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    synchronized void start() {
        if (running) {
            return;
        }
        producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new StringSerializer());
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    synchronized void stop() {
        running = false;
        wakeUp();
        if (worker != null) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    /** Asks the relay to look for new events now rather than after its poll interval. */
    public void wakeUp() {
        synchronized (signal) {
            wakeRequested = true;
            signal.notifyAll();
        }
    }

    /** Committed events not yet published, as last measured. */
    public long backlog() {
        return backlog.get();
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(config.sendTimeout().toMillis()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(config.sendTimeout().toMillis()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(config.sendTimeout().toMillis() + 2));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + ProcessHandle.current().pid());
        return p;
    }

    private void loop() {
        long backoffMillis = 0;
        while (running) {
            try {
                long roundStarted = System.nanoTime();
                int claimed = relayOnce();
                backoffMillis = 0;
                housekeeping();
                if (claimed == ANOTHER_RELAYS_TURN) {
                    await(Math.min(TURN_RETRY_MILLIS, config.pollInterval().toMillis()));
                } else if (claimed < config.batchSize()) {
                    // Everything committed before this round was claimed; a commit since has woken the relay.
                    await(config.pollInterval().toMillis());
                    lingerAfter(roundStarted);
                }
            } catch (Exception e) {
                backoffMillis = Math.min(Math.max(backoffMillis * 2, 200), config.maxBackoff().toMillis());
                LOG.warnf("Outbox relay could not publish (%s); retrying in %d ms", e.toString(), backoffMillis);
                await(backoffMillis);
                refreshBacklogQuietly();
            }
        }
    }

    /** Lets events gather until {@link OutboxConfig#linger()} has passed since the last round started. */
    private void lingerAfter(long roundStarted) {
        long remaining = config.linger().toNanos() - (System.nanoTime() - roundStarted);
        if (remaining > 0 && running) {
            java.util.concurrent.locks.LockSupport.parkNanos(remaining);
        }
    }

    private void await(long millis) {
        synchronized (signal) {
            if (!wakeRequested && running) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            wakeRequested = false;
        }
    }

    /**
     * Claims, publishes and marks one batch; returns how many events were claimed, or
     * {@link #ANOTHER_RELAYS_TURN} when another relay is in its round.
     */
    int relayOnce() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!takeTurn(connection)) {
                    connection.rollback();
                    return ANOTHER_RELAYS_TURN;
                }
                List<OutboxRow> claimed = claim(connection);
                publish(claimed);
                markSent(connection, claimed);
                connection.commit();
                published.increment(claimed.size());
                if (!claimed.isEmpty()) {
                    rounds.increment();
                }
                return claimed.size();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static boolean takeTurn(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(TAKE_TURN)) {
            lock.setLong(1, ROUND_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private List<OutboxRow> claim(Connection connection) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(CLAIM)) {
            select.setInt(1, config.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return rows;
    }

    private void publish(List<OutboxRow> rows) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.aggregateId(), row.payload());
            record.headers().add("id", row.eventId().getBytes(StandardCharsets.UTF_8));
            record.headers().add("eventType", row.eventType().getBytes(StandardCharsets.UTF_8));
            if (row.traceparent() != null) {
                record.headers().add("traceparent", row.traceparent().getBytes(StandardCharsets.UTF_8));
            }
            acks.add(producer.send(record));
        }
        long deadline = System.nanoTime() + config.sendTimeout().toNanos() + TimeUnit.SECONDS.toNanos(5);
        for (Future<RecordMetadata> ack : acks) {
            ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private static void markSent(Connection connection, List<OutboxRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Long[] seqs = rows.stream().map(OutboxRow::seq).toArray(Long[]::new);
        try (PreparedStatement update = connection.prepareStatement(MARK_SENT)) {
            update.setArray(1, connection.createArrayOf("bigint", seqs));
            update.executeUpdate();
        }
    }

    private void housekeeping() throws SQLException {
        Instant now = Instant.now();
        if (Duration.between(lastHousekeeping, now).toSeconds() < 5) {
            return;
        }
        lastHousekeeping = now;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            refreshBacklog(connection);
            try (PreparedStatement purge = connection.prepareStatement(PURGE)) {
                purge.setLong(1, config.retention().toSeconds());
                purge.executeUpdate();
            }
        }
    }

    /** Committed events not yet published and the age of the oldest, in seconds. */
    public record Backlog(long events, long oldestSeconds) {
    }

    /** Measures the backlog now (and updates the gauges with it). */
    public Backlog measureBacklog() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            refreshBacklog(connection);
        }
        return new Backlog(backlog.get(), Math.max(0, oldestUnsentMillis.get() / 1000));
    }

    private void refreshBacklogQuietly() {
        try (Connection connection = dataSource.getConnection()) {
            refreshBacklog(connection);
        } catch (SQLException e) {
            LOG.debugf("Outbox backlog not measurable: %s", e);
        }
    }

    private void refreshBacklog(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(BACKLOG); ResultSet rs = select.executeQuery()) {
            rs.next();
            backlog.set(rs.getLong(1));
            java.sql.Timestamp oldest = rs.getTimestamp(2);
            oldestUnsentMillis.set(oldest == null ? 0 : System.currentTimeMillis() - oldest.getTime());
        }
    }

    /** A claimed event. */
    private record OutboxRow(long seq, String aggregateType, String aggregateId, String topic, String payload,
            String eventId, String eventType, String traceparent) {
    }
}
