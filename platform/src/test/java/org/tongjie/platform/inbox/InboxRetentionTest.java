package org.tongjie.platform.inbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class InboxRetentionTest {

    @Inject
    Inbox inbox;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldForgetOnlyEventsReceivedLongerAgoThanTheRetention() throws Exception {
        String consumer = "retention-" + UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        UUID lastMonth = UUID.randomUUID();
        List<UUID> old = new java.util.ArrayList<>();
        for (int i = 0; i < Inbox.PURGE_BATCH + 5; i++) {
            old.add(UUID.randomUUID());
        }
        QuarkusTransaction.requiringNew().run(() -> {
            inbox.firstDeliveries(consumer, old, java.util.Collections.nCopies(old.size(), "Old"));
            inbox.firstDelivery(consumer, lastMonth, "LastMonth");
            inbox.firstDelivery(consumer, recent, "Recent");
        });
        execute("UPDATE inbox_message SET received_at = now() - interval '31 days' WHERE consumer = '" + consumer
                + "' AND event_type = 'Old'");
        execute("UPDATE inbox_message SET received_at = now() - interval '29 days' WHERE consumer = '" + consumer
                + "' AND event_type = 'LastMonth'");

        assertTrue(inbox.purge() >= old.size(), "every record past the retention, over more than one batch");

        assertEquals(2, count("SELECT count(*) FROM inbox_message WHERE consumer = '" + consumer + "'"));
        QuarkusTransaction.requiringNew().run(() -> {
            assertFalse(inbox.firstDelivery(consumer, recent, "Recent"), "a recent event is still known");
            assertFalse(inbox.firstDelivery(consumer, lastMonth, "LastMonth"), "inside the retention");
        });
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
