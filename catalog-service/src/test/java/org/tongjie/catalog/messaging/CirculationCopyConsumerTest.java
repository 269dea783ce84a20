package org.tongjie.catalog.messaging;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tongjie.catalog.fixtures.CatalogApi;
import org.tongjie.catalog.fixtures.Libraries;
import org.tongjie.catalog.service.Availability;
import org.tongjie.deploy.testinfra.EventWriter;
import org.tongjie.deploy.testinfra.TopicReader;
import org.tongjie.deploy.testinfra.Tokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CirculationCopyConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Availability availability;

    @Test
    void shouldFollowCirculationEventsIgnoringDuplicatesAndOlderReports() throws Exception {
        String library = Libraries.unique("AVL");
        CatalogApi.cityWithDesk(library, library + "-DESK");
        String recordId = CatalogApi.record(Tokens.librarian(library), Map.of("title", "围城"));
        String first = copy(library, recordId);
        String second = copy(library, recordId);

        try (EventWriter writer = new EventWriter(bootstrapServers)) {
            String checkedOut = statusChanged(UUID.randomUUID(), first, "CHECKED_OUT", "2026-12-23", 3);
            writer.send("circulation.copies", first, checkedOut);
            writer.send("circulation.copies", first, checkedOut);
            writer.send("circulation.copies", first, statusChanged(UUID.randomUUID(), first, "AVAILABLE", null, 2));
        }
        await(() -> given().when().get("/records/" + recordId + "/availability").then().extract().jsonPath()
                .getInt("[0].onLoan") == 1);
        Thread.sleep(500);
        given().when().get("/records/" + recordId + "/availability").then().statusCode(200)
                .body("[0].libraryCode", equalTo(library)).body("[0].copies", equalTo(2))
                .body("[0].available", equalTo(1)).body("[0].onLoan", equalTo(1))
                .body("[0].earliestDue", equalTo("2026-12-23"));
        given().queryParam("q", "围城").queryParam("availableAt", library).when().get("/records").then()
                .body("items.id", org.hamcrest.Matchers.contains(recordId));

        try (EventWriter writer = new EventWriter(bootstrapServers)) {
            writer.send("circulation.copies", second,
                    statusChanged(UUID.randomUUID(), second, "IN_TRANSIT", null, 1));
        }
        await(() -> given().queryParam("q", "围城").queryParam("availableAt", library).when().get("/records")
                .then().extract().jsonPath().getList("items").isEmpty());
        given().queryParam("q", "围城").queryParam("library", library).when().get("/records").then()
                .body("items[0].available", equalTo(0))
                .body("facets.availability", org.hamcrest.Matchers.empty());
        given().when().get("/records/" + recordId + "/availability").then()
                .body("[0].inTransit", equalTo(1)).body("[0].available", equalTo(0));
    }

    @Test
    void shouldCountAnAvailableCopyWhereItStandsWhenItFloatedToAnotherLibrary() throws Exception {
        String owner = Libraries.unique("FLO");
        String other = Libraries.unique("FLT");
        CatalogApi.cityWithDesk(owner, owner + "-DESK");
        CatalogApi.cityWithDesk(other, other + "-DESK");
        String recordId = CatalogApi.record(Tokens.librarian(owner), Map.of("title", "浮动的书"));
        String floated = copy(owner, recordId);
        copy(owner, recordId);

        try (EventWriter writer = new EventWriter(bootstrapServers)) {
            writer.send("circulation.copies", floated, statusChanged(UUID.randomUUID(), floated, "CHECKED_OUT",
                    "2026-12-23", 1, owner + "-DESK"));
            writer.send("circulation.copies", floated, statusChanged(UUID.randomUUID(), floated, "AVAILABLE", null,
                    2, other + "-DESK"));
        }
        await(() -> given().when().get("/records/" + recordId + "/availability").then().extract().jsonPath()
                .getList("libraryCode").contains(other));
        given().when().get("/records/" + recordId + "/availability").then()
                .body("find { it.libraryCode == '" + owner + "' }.available", equalTo(1))
                .body("find { it.libraryCode == '" + other + "' }.available", equalTo(1));
        given().queryParam("q", "浮动的书").queryParam("availableAt", other).when().get("/records").then()
                .body("items.id", org.hamcrest.Matchers.contains(recordId));
    }

    @Test
    void shouldNotBringBackACopyTheCatalogWithdrewWhateverCirculationReportsLater() throws Exception {
        String library = Libraries.unique("WDR");
        CatalogApi.cityWithDesk(library, library + "-DESK");
        String recordId = CatalogApi.record(Tokens.librarian(library), Map.of("title", "撤下的书"));
        String withdrawnBarcode = "W" + System.nanoTime();
        String withdrawn = CatalogApi.post(Tokens.librarian(library), "/copies", Map.of("barcode", withdrawnBarcode,
                "recordId", recordId, "homeServicePointCode", library + "-DESK")).statusCode(201).extract()
                .path("id");
        String kept = copy(library, recordId);
        given().auth().oauth2(Tokens.librarian(library)).when().delete("/copies/" + withdrawnBarcode).then()
                .statusCode(200);

        try (EventWriter writer = new EventWriter(bootstrapServers)) {
            // Same key, same partition: the second is applied after the first.
            writer.send("circulation.copies", withdrawn, statusChanged(UUID.randomUUID(), withdrawn, "AVAILABLE",
                    null, 50, library + "-DESK"));
            writer.send("circulation.copies", withdrawn, statusChanged(UUID.randomUUID(), kept, "CHECKED_OUT",
                    "2026-12-23", 1));
        }
        await(() -> given().when().get("/records/" + recordId + "/availability").then().extract().jsonPath()
                .getInt("[0].onLoan") == 1);
        given().when().get("/records/" + recordId + "/availability").then().body("[0].copies", equalTo(1))
                .body("[0].available", equalTo(0));
    }

    @Test
    void shouldDeadLetterAnUnreadableEventAndApplyTheRestOfItsBatch() throws Exception {
        String library = Libraries.unique("DLQ");
        CatalogApi.cityWithDesk(library, library + "-DESK");
        String recordId = CatalogApi.record(Tokens.librarian(library), Map.of("title", "坏消息"));
        String first = copy(library, recordId);
        String second = copy(library, recordId);
        String garbage = "{not an envelope " + UUID.randomUUID();
        try (EventWriter writer = new EventWriter(bootstrapServers)) {
            writer.send("circulation.copies", first, statusChanged(UUID.randomUUID(), first, "CHECKED_OUT",
                    "2026-12-23", 1));
            writer.send("circulation.copies", first, garbage);
            writer.send("circulation.copies", second, statusChanged(UUID.randomUUID(), second, "IN_TRANSIT", null, 1));
        }
        await(() -> given().when().get("/records/" + recordId + "/availability").then().extract().jsonPath()
                .getInt("[0].inTransit") == 1);
        given().when().get("/records/" + recordId + "/availability").then().body("[0].onLoan", equalTo(1))
                .body("[0].available", equalTo(0));
        try (TopicReader reader = new TopicReader(bootstrapServers, "catalog-service.dlq")) {
            assertTrue(reader.readUntil(seen -> seen.stream().anyMatch(r -> garbage.equals(r.value())),
                    Duration.ofSeconds(20)).stream().anyMatch(r -> garbage.equals(r.value())));
        }
    }

    @Test
    void shouldApplyAPollsReportsInOrderWithOneBatchAsOneAtATimeWould() {
        String library = Libraries.unique("AVB");
        CatalogApi.cityWithDesk(library, library + "-DESK");
        String recordId = CatalogApi.record(Tokens.librarian(library), Map.of("title", "边城"));
        UUID first = UUID.fromString(copy(library, recordId));
        UUID second = UUID.fromString(copy(library, recordId));
        UUID unknown = UUID.randomUUID();

        // One poll: the first copy lent, a stale report of it, then returned; the second lent; a copy not known.
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> availability.reportAll(List.of(
                new Availability.Report(first, "CHECKED_OUT", null, java.time.LocalDate.parse("2026-12-01"), 3),
                new Availability.Report(first, "IN_TRANSIT", null, null, 2),
                new Availability.Report(first, "AVAILABLE", library + "-DESK", null, 4),
                new Availability.Report(unknown, "AVAILABLE", null, null, 1),
                new Availability.Report(second, "CHECKED_OUT", null, java.time.LocalDate.parse("2026-12-09"), 2))));

        given().when().get("/records/" + recordId + "/availability").then().statusCode(200)
                .body("[0].copies", equalTo(2)).body("[0].available", equalTo(1)).body("[0].onLoan", equalTo(1))
                .body("[0].inTransit", equalTo(0)).body("[0].earliestDue", equalTo("2026-12-09"));
    }

    @Test
    void shouldAnswerNotFoundForTheAvailabilityOfAnUnknownRecord() {
        given().when().get("/records/" + UUID.randomUUID() + "/availability").then().statusCode(404)
                .body("code", equalTo("RECORD_NOT_FOUND"));
    }

    private static String copy(String library, String recordId) {
        return CatalogApi.post(Tokens.librarian(library), "/copies", Map.of("barcode", "A" + System.nanoTime(),
                "recordId", recordId, "homeServicePointCode", library + "-DESK")).statusCode(201).extract().path("id");
    }

    private static String statusChanged(UUID eventId, String copyId, String status, String dueDate, long version) {
        return statusChanged(eventId, copyId, status, dueDate, version, null);
    }

    private static String statusChanged(UUID eventId, String copyId, String status, String dueDate, long version,
            String servicePoint) {
        return """
                {"eventId":"%s","eventType":"CopyStatusChanged","eventVersion":1,"occurredAt":"2026-11-22T06:00:00Z",
                 "aggregateType":"Copy","aggregateId":"%s",
                 "data":{"copyId":"%s","barcode":"B","status":"%s","servicePointCode":%s,"dueDate":%s,"version":%d}}
                """.formatted(eventId, copyId, copyId, status, servicePoint == null ? "null" : "\"" + servicePoint
                + "\"", dueDate == null ? "null" : "\"" + dueDate + "\"", version);
    }

    private static void await(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.get()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in time");
            Thread.sleep(100);
        }
    }
}
