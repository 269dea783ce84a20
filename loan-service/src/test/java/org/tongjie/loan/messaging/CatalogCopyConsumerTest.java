package org.tongjie.loan.messaging;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.EventWriter;
import org.tongjie.deploy.testinfra.TopicReader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CatalogCopyConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldProjectARegisteredCopyOnceWhenTheEventIsDeliveredTwice() throws Exception {
        UUID copyId = UUID.randomUUID();
        String barcode = "YHT" + System.nanoTime();
        UUID eventId = UUID.randomUUID();
        String event = copyRegistered(eventId, copyId, barcode, "红楼梦", 0);
        try (EventWriter writer = new EventWriter(bootstrapServers)) {
            writer.send("catalog.copies", copyId.toString(), event);
            writer.send("catalog.copies", copyId.toString(), event);
        }

        awaitCopy(barcode);
        given().when().get("/circulation/copies/" + barcode).then().statusCode(200)
                .body("status", equalTo("AVAILABLE")).body("libraryCode", equalTo("YHT"))
                .body("currentServicePointCode", equalTo("YHT-DESK")).body("title", equalTo("红楼梦"));
        awaitInboxCount(eventId, 1);
        Thread.sleep(500);
        assertEquals(1, inboxCount(eventId), "the redelivered event was not handled again");
    }

    @Test
    void shouldKeepTheNewestCatalogFactsWhenAnOlderEventArrivesLate() throws Exception {
        UUID copyId = UUID.randomUUID();
        String barcode = "YHT" + System.nanoTime();
        try (EventWriter writer = new EventWriter(bootstrapServers)) {
            writer.send("catalog.copies", copyId.toString(),
                    copyRegistered(UUID.randomUUID(), copyId, barcode, "新书名", 2));
            writer.send("catalog.copies", copyId.toString(),
                    copyRegistered(UUID.randomUUID(), copyId, barcode, "旧书名", 1));
        }
        awaitCopy(barcode);
        Thread.sleep(1000);
        given().when().get("/circulation/copies/" + barcode).then().statusCode(200).body("title", equalTo("新书名"));
    }

    @Test
    void shouldSendAnUnreadableEventToTheDeadLetterTopicAndKeepConsuming() throws Exception {
        UUID copyId = UUID.randomUUID();
        String barcode = "YHT" + System.nanoTime();
        String garbage = "{not an envelope " + barcode;
        try (EventWriter writer = new EventWriter(bootstrapServers)) {
            writer.send("catalog.copies", copyId.toString(), garbage);
            writer.send("catalog.copies", copyId.toString(),
                    copyRegistered(UUID.randomUUID(), copyId, barcode, "红楼梦", 0));
        }
        awaitCopy(barcode);
        try (TopicReader reader = new TopicReader(bootstrapServers, "loan-service.dlq")) {
            assertTrue(reader.readUntil(seen -> seen.stream().anyMatch(r -> garbage.equals(r.value())),
                    Duration.ofSeconds(20)).stream().anyMatch(r -> garbage.equals(r.value())));
        }
    }

    @Test
    void shouldFollowCatalogUpdatesAndTakeAWithdrawnCopyOffTheShelf() throws Exception {
        UUID copyId = UUID.randomUUID();
        String barcode = "YHT" + System.nanoTime();
        try (EventWriter writer = new EventWriter(bootstrapServers)) {
            writer.send("catalog.copies", copyId.toString(), copyRegistered(UUID.randomUUID(), copyId, barcode, "家", 0));
            writer.send("catalog.copies", copyId.toString(), copyRegistered(UUID.randomUUID(), copyId, barcode, "家",
                    1).replace("CopyRegistered", "CopyUpdated").replace("YHT-DESK", "YHT-24H"));
            writer.send("catalog.copies", copyId.toString(), """
                    {"eventId":"%s","eventType":"CopyWithdrawn","eventVersion":1,"occurredAt":"2026-11-22T05:00:00Z",
                     "aggregateType":"Copy","aggregateId":"%s",
                     "data":{"copyId":"%s","barcode":"%s","libraryCode":"YHT","version":2}}
                    """.formatted(UUID.randomUUID(), copyId, copyId, barcode));
        }
        awaitCopy(barcode);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!"WITHDRAWN".equals(given().when().get("/circulation/copies/" + barcode).then().extract()
                .path("status"))) {
            assertTrue(System.nanoTime() < deadline, "copy never withdrawn");
            Thread.sleep(100);
        }
        given().when().get("/circulation/copies/" + barcode).then().body("homeServicePointCode", equalTo("YHT-24H"));
    }

    @Test
    void shouldAnswerNotFoundForACopyCirculationHasNotSeen() {
        given().when().get("/circulation/copies/NOPE-" + System.nanoTime()).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("COPY_NOT_FOUND"));
    }

    private static String copyRegistered(UUID eventId, UUID copyId, String barcode, String title, long version) {
        return """
                {"eventId":"%s","eventType":"CopyRegistered","eventVersion":1,"occurredAt":"2026-11-22T05:00:00Z",
                 "aggregateType":"Copy","aggregateId":"%s","traceparent":null,
                 "data":{"copyId":"%s","barcode":"%s","recordId":"%s","isbn":"9787020002207","title":"%s",
                         "libraryCode":"YHT","homeServicePointCode":"YHT-DESK","callNumber":"I242.4/C313",
                         "loanType":"STANDARD","version":%d}}
                """.formatted(eventId, copyId, copyId, barcode, UUID.randomUUID(), title, version);
    }

    private static void awaitCopy(String barcode) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (given().when().get("/circulation/copies/" + barcode).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("copy " + barcode + " never reached the projection");
            }
            Thread.sleep(100);
        }
    }

    private void awaitInboxCount(UUID eventId, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (inboxCount(eventId) != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private long inboxCount(UUID eventId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM inbox_message WHERE event_id = ?")) {
            s.setObject(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
