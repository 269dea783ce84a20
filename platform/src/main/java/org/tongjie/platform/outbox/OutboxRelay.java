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
 * Publishes outbox rows to Kafka in commit order per aggregate and marks them sent. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so relays of several replicas share the work; an aggregate's events after
 * one held by another relay are left for the next round, which keeps every key in order. A failed
 * publish rolls the claim back and the relay backs off; at worst an event is published twice, which the
 * consumers' inboxes absorb.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /**
     * The oldest unsent events no other relay holds, each with the earliest unsent event of its aggregate that
     * this claim did not take (null when there is none), in one round trip. The statement's snapshot is older
     * than the locks it takes, so it may count as unsent an event another relay marked sent meanwhile: that
     * holds events back a round, never lets one out of order.
     */
    private static final String CLAIM = "WITH claimed AS MATERIALIZED (SELECT seq, aggregatetype, aggregateid, topic,"
            + " payload::text AS payload, id, type, traceparent FROM outbox_event WHERE sent_at IS NULL ORDER BY seq"
            + " LIMIT ? FOR UPDATE SKIP LOCKED)"
            + " SELECT c.seq, c.aggregatetype, c.aggregateid, c.topic, c.payload, c.id, c.type, c.traceparent,"
            + " (SELECT min(o.seq) FROM outbox_event o WHERE o.sent_at IS NULL AND o.aggregatetype = c.aggregatetype"
            + " AND o.aggregateid = c.aggregateid AND o.seq NOT IN (SELECT seq FROM claimed)) AS barrier"
            + " FROM claimed c ORDER BY c.seq";
    /**
     * The claimed rows are locked and unsent, so {@code sent_at IS NULL} changes nothing but the plan: it lets the
     * small index of unsent rows serve whatever plan PostgreSQL picks, never the index of every row ever sent.
     */
    private static final String MARK_SENT = "UPDATE outbox_event SET sent_at = now() WHERE seq = ANY(?)"
            + " AND sent_at IS NULL";
    private static final String BACKLOG = "SELECT count(*), min(timestamp) FROM outbox_event WHERE sent_at IS NULL";
    private static final String PURGE = "DELETE FROM outbox_event WHERE sent_at < now() - make_interval(secs => ?)";

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestUnsentMillis = new AtomicLong();
    private final Counter published;
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
                int claimed = relayOnce();
                backoffMillis = 0;
                housekeeping();
                if (claimed < config.batchSize()) {
                    // Everything committed before this round was claimed; a commit since has woken the relay.
                    await(config.pollInterval().toMillis());
                }
            } catch (Exception e) {
                backoffMillis = Math.min(Math.max(backoffMillis * 2, 200), config.maxBackoff().toMillis());
                LOG.warnf("Outbox relay could not publish (%s); retrying in %d ms", e.toString(), backoffMillis);
                await(backoffMillis);
                refreshBacklogQuietly();
            }
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

    /** Claims, publishes and marks one batch; returns how many events were claimed (some may wait their turn). */
    int relayOnce() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<OutboxRow> claimed = claim(connection);
                List<OutboxRow> sendable = inKeyOrder(claimed);
                publish(sendable);
                markSent(connection, sendable);
                connection.commit();
                published.increment(sendable.size());
                return claimed.size();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private List<OutboxRow> claim(Connection connection) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(CLAIM)) {
            select.setInt(1, config.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long barrier = rs.getLong(9);
                    if (rs.wasNull()) {
                        barrier = Long.MAX_VALUE;
                    }
                    rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), barrier));
                }
            }
        }
        return rows;
    }

    /**
     * Keeps, per aggregate, the claimed events that come before its earliest unsent event this relay did not
     * claim. Claims skip each other's locked rows, so two relays can hold interleaved events of one aggregate;
     * each publishes only up to the first event the other holds, and the rest wait.
     */
    private static List<OutboxRow> inKeyOrder(List<OutboxRow> claimed) {
        List<OutboxRow> sendable = new ArrayList<>(claimed.size());
        for (OutboxRow row : claimed) {
            if (row.seq() < row.barrier()) {
                sendable.add(row);
            }
        }
        return sendable;
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

    /** A claimed event; {@code barrier}: the earliest unsent event of its aggregate not claimed with it, if any. */
    private record OutboxRow(long seq, String aggregateType, String aggregateId, String topic, String payload,
            String eventId, String eventType, String traceparent, long barrier) {
    }
}
