package org.tongjie.platform.tx;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.idempotency.IdempotencyStore;
import org.tongjie.platform.indicators.Indicators;
import org.tongjie.platform.outbox.Outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CommitWritesTest {

    @Inject
    Outbox outbox;

    @Inject
    Indicators indicators;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    AgroalDataSource dataSource;

    record Noted(String key) implements DomainEvent {
        @Override
        public String topic() {
            return "test.commit-writes";
        }

        @Override
        public String aggregateType() {
            return "Note";
        }

        @Override
        public String aggregateId() {
            return key;
        }
    }

    @Test
    void shouldWriteEveryKindATransactionCollectedAndKeepEachKindsOwnOrder() throws Exception {
        String library = unique();
        String scope = "reader " + library;
        QuarkusTransaction.requiringNew().run(() -> {
            assertTrue(idempotency.claim(scope, "k1", "f".repeat(64)).isEmpty());
            for (int n = 1; n <= 3; n++) {
                outbox.add(new Noted(library + "-" + n));
                indicators.count(library, "loans", Instant.now());
            }
            indicators.stock(library, "copies", Instant.now(), 7);
            idempotency.complete(scope, "k1", 201, "/loans/1", "{\"id\":1}");
        });

        assertEquals(library + "-1," + library + "-2," + library + "-3",
                text("SELECT string_agg(aggregateid, ',' ORDER BY seq) FROM outbox_event WHERE aggregateid LIKE '"
                        + library + "-%'"), "the events in the order they were added");
        assertEquals("3,7", text("SELECT string_agg(value::text, ',' ORDER BY bucket DESC) FROM indicator_fact"
                + " WHERE library_code = '" + library + "'"), "the three loans summed into one fact, then the stock");
        assertEquals(new IdempotencyStore.Outcome("f".repeat(64), 201, "/loans/1", "{\"id\":1}"),
                QuarkusTransaction.requiringNew().call(() -> idempotency.claim(scope, "k1", "f".repeat(64)))
                        .orElseThrow(), "the response kept with the effect");
    }

    @Test
    void shouldWriteNothingOfAnyKindWhenOneKindCannotBeWritten() throws Exception {
        String library = unique();
        String scope = "reader " + library;
        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            assertTrue(idempotency.claim(scope, "k2", "f".repeat(64)).isEmpty());
            outbox.add(new Noted(library));
            indicators.count(library, "loans", Instant.now());
            indicators.count("x".repeat(40), "loans", Instant.now());
            idempotency.complete(scope, "k2", 201, null, null);
        }), "a library code longer than the column fails the commit");

        assertEquals("0", text("SELECT count(*) FROM outbox_event WHERE aggregateid = '" + library + "'"));
        assertEquals("0", text("SELECT count(*) FROM indicator_fact WHERE library_code = '" + library + "'"));
        assertEquals("0", text("SELECT count(*) FROM idempotency_key WHERE scope = '" + scope + "'"),
                "the key is free for a retry");
    }

    @Test
    void shouldRefuseAnItemAddedWhileTheTransactionCommits() throws Exception {
        String library = unique();
        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.add(new Noted(library));
            jakarta.enterprise.inject.spi.CDI.current().select(jakarta.transaction.TransactionSynchronizationRegistry.class)
                    .get().registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
                        @Override
                        public void beforeCompletion() {
                            indicators.count("late", "loans", Instant.now());
                        }

                        @Override
                        public void afterCompletion(int status) {
                        }
                    });
        }), "not silently lost: the commit fails");
        assertEquals("0", text("SELECT count(*) FROM outbox_event WHERE aggregateid = '" + library + "'"));
    }

    private static String unique() {
        return "T" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String text(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
