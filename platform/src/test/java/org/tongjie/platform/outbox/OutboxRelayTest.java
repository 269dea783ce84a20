package org.tongjie.platform.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.InfrastructureProcess;
import org.tongjie.deploy.testinfra.TopicReader;
import org.tongjie.platform.events.EventEnvelope;
import org.tongjie.platform.inbox.InboundEvents;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OutboxRelayTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    InboundEvents inbound;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    OutboxConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void shouldNeverPublishAnEventWhoseTransactionRolledBack() {
        String topic = uniqueTopic();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.add(new TestEvent(topic, "rolled-back", 1));
            throw new IllegalStateException("business rule refused");
        }));
        QuarkusTransaction.requiringNew().run(() -> outbox.add(new TestEvent(topic, "committed", 1)));

        try (TopicReader reader = new TopicReader(bootstrapServers, topic)) {
            reader.readUntil(seen -> seen.stream().anyMatch(r -> r.key().equals("committed")), Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> records = reader.readFor(Duration.ofSeconds(1));
            assertEquals(List.of("committed"), records.stream().map(ConsumerRecord::key).toList());
        }
    }

    @Test
    void shouldWriteATransactionsEventsTogetherInTheOrderTheyWereAdded() throws Exception {
        String topic = uniqueTopic();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int n = 1; n <= 30; n++) {
                outbox.add(new TestEvent(topic, "together", n));
            }
        });
        assertThrows(io.quarkus.narayana.jta.QuarkusTransactionException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    outbox.add(new TestEvent(topic, "marked", 1));
                    QuarkusTransaction.setRollbackOnly();
                }));

        try (TopicReader reader = new TopicReader(bootstrapServers, topic)) {
            reader.readUntil(seen -> seen.size() >= 30, Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> records = reader.readFor(Duration.ofSeconds(1));
            assertEquals(java.util.Collections.nCopies(30, "together"), records.stream().map(ConsumerRecord::key)
                    .toList(), "the transaction marked for rollback wrote nothing");
            List<Integer> numbers = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                numbers.add(mapper.readTree(record.value()).get("data").get("n").asInt());
            }
            assertEquals(java.util.stream.IntStream.rangeClosed(1, 30).boxed().toList(), numbers);
        }
        assertEquals(0, unsentCount(topic));
        assertEquals(30, count("SELECT count(*) FROM outbox_event WHERE topic = '" + topic + "' AND timestamp ="
                + " (payload->>'occurredAt')::timestamptz AND id = (payload->>'eventId')::uuid"
                + " AND aggregateid = 'together' AND type = 'TestHappened' AND aggregatetype = 'TestAggregate'"),
                "each row's columns are its own event's");
        assertEquals(30, count("SELECT count(DISTINCT seq) FROM outbox_event WHERE topic = '" + topic + "'"
                + " AND seq - (SELECT min(seq) FROM outbox_event WHERE topic = '" + topic + "') + 1"
                + " = (payload->'data'->>'n')::int"), "seq follows the order the events were added");
    }

    @Test
    void shouldPublishEveryCommittedEventOnceInOrderPerKeyInsideTheEnvelope() throws Exception {
        String topic = uniqueTopic();
        int keys = 5;
        int perKey = 20;
        for (int n = 1; n <= perKey; n++) {
            for (int k = 0; k < keys; k++) {
                int number = n;
                String key = "copy-" + k;
                QuarkusTransaction.requiringNew().run(() -> outbox.add(new TestEvent(topic, key, number)));
            }
        }

        try (TopicReader reader = new TopicReader(bootstrapServers, topic)) {
            reader.readUntil(seen -> seen.size() >= keys * perKey, Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> records = reader.readFor(Duration.ofMillis(500));
            assertEquals(keys * perKey, records.size(), "each committed event exactly once");
            Map<String, List<Integer>> numbersByKey = new HashMap<>();
            for (ConsumerRecord<String, String> record : records) {
                JsonNode envelope = mapper.readTree(record.value());
                assertEquals("TestHappened", envelope.get("eventType").asText());
                assertEquals(1, envelope.get("eventVersion").asInt());
                assertEquals("TestAggregate", envelope.get("aggregateType").asText());
                assertEquals(record.key(), envelope.get("aggregateId").asText());
                assertTrue(envelope.get("occurredAt").asText().endsWith("Z"), "occurredAt is ISO-8601 UTC");
                UUID.fromString(envelope.get("eventId").asText());
                assertEquals(envelope.get("eventId").asText(),
                        new String(record.headers().lastHeader("id").value()));
                numbersByKey.computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(envelope.get("data").get("n").asInt());
            }
            List<Integer> expected = java.util.stream.IntStream.rangeClosed(1, perKey).boxed().toList();
            numbersByKey.values().forEach(numbers -> assertEquals(expected, numbers, "order kept per key"));
        }
        assertEquals(0, unsentCount(topic));
    }

    @Test
    void shouldLetTheInboxDropTheDuplicateOfARelayKilledBetweenSendAndMark() throws Exception {
        String topic = uniqueTopic();
        QuarkusTransaction.requiringNew().run(() -> outbox.add(new TestEvent(topic, "copy-dup", 7)));
        try (TopicReader reader = new TopicReader(bootstrapServers, topic)) {
            reader.readUntil(seen -> seen.size() == 1, Duration.ofSeconds(30));
            // A relay that died after the broker acknowledged but before its mark committed leaves the row unsent.
            execute("UPDATE outbox_event SET sent_at = NULL WHERE topic = '" + topic + "'");
            relay.wakeUp();
            List<ConsumerRecord<String, String>> records = reader.readUntil(seen -> seen.size() == 2,
                    Duration.ofSeconds(30));
            assertEquals(2, records.size(), "the event was published twice");
            assertEquals(records.get(0).value(), records.get(1).value());

            List<Boolean> applied = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                applied.add(inbound.handle("test-consumer", record.value(), this::recordEffect));
            }
            assertEquals(List.of(true, false), applied);
            EventEnvelope envelope = EventEnvelope.parse(mapper, records.get(0).value());
            assertEquals(1, count("SELECT count(*) FROM test_effect WHERE event_id = '" + envelope.eventId() + "'"));
        }
    }

    @Test
    void shouldPublishEachEventOnceInOrderPerKeyWhenTwoRelaysRaceOverOneOutbox() throws Exception {
        String topic = uniqueTopic();
        int keys = 6;
        int perKey = 150;
        relay.stop();
        // Two replicas' relays in small batches over the same backlog, so each claims some of every key's events.
        OutboxConfig small = tuned(config, 7, config.linger());
        var firstMeters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        var secondMeters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        OutboxRelay first = new OutboxRelay(dataSource, small, firstMeters, bootstrapServers);
        OutboxRelay second = new OutboxRelay(dataSource, small, secondMeters, bootstrapServers);
        try {
            for (int n = 1; n <= perKey; n++) {
                for (int k = 0; k < keys; k++) {
                    int number = n;
                    String key = "race-" + k;
                    QuarkusTransaction.requiringNew().run(() -> outbox.add(new TestEvent(topic, key, number)));
                }
            }
            var starters = java.util.concurrent.Executors.newFixedThreadPool(2);
            starters.submit(first::start);
            starters.submit(second::start);
            starters.shutdown();
            try (TopicReader reader = new TopicReader(bootstrapServers, topic)) {
                reader.readUntil(seen -> seen.size() >= keys * perKey, Duration.ofSeconds(30));
                List<ConsumerRecord<String, String>> records = reader.readFor(Duration.ofSeconds(1));
                assertEquals(keys * perKey, records.size(), "each committed event exactly once");
                Map<String, List<Integer>> numbersByKey = new HashMap<>();
                for (ConsumerRecord<String, String> record : records) {
                    numbersByKey.computeIfAbsent(record.key(), k -> new ArrayList<>())
                            .add(mapper.readTree(record.value()).get("data").get("n").asInt());
                }
                List<Integer> expected = java.util.stream.IntStream.rangeClosed(1, perKey).boxed().toList();
                assertEquals(keys, numbersByKey.size());
                numbersByKey.values().forEach(numbers -> assertEquals(expected, numbers, "order kept per key"));
            }
            assertEquals(0, unsentCount(topic));
            assertEquals(keys * perKey, (long) (firstMeters.counter("tongjie.outbox.published").count()
                    + secondMeters.counter("tongjie.outbox.published").count()), "published once between them");
        } finally {
            first.stop();
            second.stop();
            relay.start();
        }
    }

    @Test
    void shouldLeaveTheRoundToTheRelayWhoseTurnItIs() throws Exception {
        String topic = uniqueTopic();
        relay.stop();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + OutboxRelay.ROUND_LOCK + ")");
            }
            QuarkusTransaction.requiringNew().run(() -> outbox.add(new TestEvent(topic, "waiting", 1)));
            assertEquals(OutboxRelay.ANOTHER_RELAYS_TURN, relay.relayOnce(), "another relay is in its round");
            assertEquals(1, unsentCount(topic), "nothing claimed or marked outside one's turn");
            other.rollback();
        } finally {
            relay.start();
        }
        try (TopicReader reader = new TopicReader(bootstrapServers, topic)) {
            reader.readUntil(seen -> !seen.isEmpty(), Duration.ofSeconds(30));
        }
        assertEquals(0, unsentCount(topic));
    }

    @Test
    void shouldGatherEventsCommittedInQuickSuccessionIntoFewRounds() throws Exception {
        String topic = uniqueTopic();
        relay.stop();
        var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        OutboxRelay lingering = new OutboxRelay(dataSource, tuned(config, config.batchSize(), Duration.ofMillis(400)), meters,
                bootstrapServers);
        lingering.start();
        try (TopicReader reader = new TopicReader(bootstrapServers, topic)) {
            // The topic's first event waits for the broker to create it; the rounds are counted after it.
            QuarkusTransaction.requiringNew().run(() -> outbox.add(new TestEvent(topic, "gathered", 0)));
            reader.readUntil(seen -> !seen.isEmpty(), Duration.ofSeconds(30));
            double roundsBefore = meters.counter("tongjie.outbox.rounds").count();
            for (int n = 1; n <= 20; n++) {
                int number = n;
                // Each commit wakes the relay (the outbox wakes the application's relay; this one is woken here):
                // without the linger each would make a round of its own.
                QuarkusTransaction.requiringNew().run(() -> outbox.add(new TestEvent(topic, "gathered", number)));
                lingering.wakeUp();
                Thread.sleep(10);
            }
            List<ConsumerRecord<String, String>> records = reader.readUntil(seen -> seen.size() >= 21,
                    Duration.ofSeconds(30));
            List<Integer> numbers = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                numbers.add(mapper.readTree(record.value()).get("data").get("n").asInt());
            }
            assertEquals(java.util.stream.IntStream.rangeClosed(0, 20).boxed().toList(), numbers);
            double rounds = meters.counter("tongjie.outbox.rounds").count() - roundsBefore;
            assertTrue(rounds <= 3, "20 events committed 10 ms apart took " + rounds + " rounds");
        } finally {
            lingering.stop();
            relay.start();
        }
    }

    /** The test's relay settings with another batch size and linger. */
    private static OutboxConfig tuned(OutboxConfig config, int batchSize, Duration linger) {
        return new OutboxConfig() {
            @Override
            public boolean relayEnabled() {
                return true;
            }

            @Override
            public int batchSize() {
                return batchSize;
            }

            @Override
            public Duration linger() {
                return linger;
            }

            @Override
            public Duration pollInterval() {
                return config.pollInterval();
            }

            @Override
            public Duration maxBackoff() {
                return config.maxBackoff();
            }

            @Override
            public Duration retention() {
                return config.retention();
            }

            @Override
            public Duration sendTimeout() {
                return config.sendTimeout();
            }
        };
    }

    @Test
    void shouldKeepEventsWhileTheBrokerIsDownAndPublishThemAfterItReturns() throws Exception {
        String topic = uniqueTopic();
        QuarkusTransaction.requiringNew().run(() -> outbox.add(new TestEvent(topic, "warm-up", 0)));
        try (TopicReader reader = new TopicReader(bootstrapServers, topic)) {
            reader.readUntil(seen -> seen.size() == 1, Duration.ofSeconds(30));
        }
        InfrastructureProcess.shared().stopKafka();
        try {
            for (int n = 1; n <= 25; n++) {
                int number = n;
                QuarkusTransaction.requiringNew().run(() -> outbox.add(new TestEvent(topic, "outage-" + number % 3,
                        number)));
            }
            Thread.sleep(2000);
            assertEquals(25, unsentCount(topic), "nothing is lost or marked sent while the broker is down");
        } finally {
            InfrastructureProcess.shared().startKafka();
        }
        try (TopicReader reader = new TopicReader(bootstrapServers, topic)) {
            List<ConsumerRecord<String, String>> records = reader.readUntil(seen -> seen.size() >= 26,
                    Duration.ofSeconds(90));
            assertEquals(26, records.stream().map(ConsumerRecord::value).collect(Collectors.toSet()).size());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (unsentCount(topic) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, unsentCount(topic), "the backlog drains after the broker returns");
    }

    @Test
    void shouldRefuseToAddAnEventOutsideATransaction() {
        assertThrows(RuntimeException.class, () -> outbox.add(new TestEvent(uniqueTopic(), "no-tx", 1)));
        assertFalse(QuarkusTransaction.isActive());
    }

    private void recordEffect(EventEnvelope envelope) {
        execute("INSERT INTO test_effect (event_id, aggregate_id, n) VALUES ('" + envelope.eventId() + "', '"
                + envelope.aggregateId() + "', " + envelope.data().get("n").asInt() + ")");
    }

    private static String uniqueTopic() {
        return "platform.test." + UUID.randomUUID().toString().substring(0, 8);
    }

    private long unsentCount(String topic) {
        return count("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL AND topic = '" + topic + "'");
    }

    private long count(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
