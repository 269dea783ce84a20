package org.tongjie.delivery.messaging;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.EventWriter;
import org.tongjie.deploy.testinfra.Rows;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CatalogRecordConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    DataSource dataSource;

    private static String recordEvent(UUID eventId, String type, UUID recordId, String title, long version) {
        return """
                {"eventId":"%s","eventType":"%s","eventVersion":1,"occurredAt":"2026-11-23T05:00:00Z",
                 "aggregateType":"Record","aggregateId":"%s",
                 "data":{"recordId":"%s","title":"%s","authors":[],"version":%d}}
                """.formatted(eventId, type, recordId, recordId, title, version);
    }

    private static String quoted(List<UUID> ids) {
        return ids.stream().map(id -> "'" + id + "'").reduce((a, b) -> a + "," + b).orElseThrow();
    }

    @Test
    void shouldKeepTheNewestTitleOfEachRecordWhateverOrderAndRepeatsTheEventsArriveIn() {
        Rows rows = new Rows(dataSource);
        List<UUID> records = new ArrayList<>();
        List<UUID> events = new ArrayList<>();
        UUID untitled = UUID.randomUUID();
        try (EventWriter writer = new EventWriter(bootstrapServers)) {
            for (int i = 0; i < 300; i++) {
                UUID id = UUID.randomUUID();
                records.add(id);
                UUID registered = UUID.randomUUID();
                UUID updated = UUID.randomUUID();
                UUID late = UUID.randomUUID();
                events.addAll(List.of(registered, updated, late));
                writer.send("catalog.records", id.toString(), recordEvent(registered, "RecordRegistered", id,
                        "平凡的世界 " + i, 0));
                writer.send("catalog.records", id.toString(), recordEvent(updated, "RecordUpdated", id,
                        "平凡的世界（全三册） " + i, 2));
                // A late, older update and a redelivery of the registration change nothing.
                writer.send("catalog.records", id.toString(), recordEvent(late, "RecordUpdated", id,
                        "stale " + i, 1));
                writer.send("catalog.records", id.toString(), recordEvent(registered, "RecordRegistered", id,
                        "平凡的世界 " + i, 0));
            }
            // Without a title there is nothing for delivery to show: ignored, and the poll goes on.
            UUID untitledEvent = UUID.randomUUID();
            events.add(untitledEvent);
            writer.send("catalog.records", untitled.toString(), recordEvent(untitledEvent, "RecordRegistered",
                    untitled, "", 0).replace("\"title\":\"\",", ""));
        }
        rows.await("SELECT CASE WHEN count(*) = " + events.size() + " THEN 1 ELSE 0 END FROM inbox_message"
                + " WHERE consumer = 'delivery-service.catalog-records' AND event_id IN (" + quoted(events) + ")");
        assertEquals(300, rows.count("SELECT count(*) FROM catalog_record WHERE id IN (" + quoted(records) + ")"
                + " AND version = 2 AND title LIKE '平凡的世界（全三册） %'"));
        assertEquals(0, rows.count("SELECT count(*) FROM catalog_record WHERE id = '" + untitled + "'"));
        assertEquals("平凡的世界（全三册） 7", rows.text("SELECT title FROM catalog_record WHERE id = '"
                + records.get(7) + "'"));
    }
}
