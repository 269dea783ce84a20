package org.tongjie.catalog.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tongjie.catalog.fixtures.CatalogApi;
import org.tongjie.catalog.fixtures.Libraries;
import org.tongjie.catalog.service.Availability;
import org.tongjie.deploy.testinfra.EventWriter;
import org.tongjie.deploy.testinfra.TopicReader;
import org.tongjie.deploy.testinfra.Tokens;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CirculationCopyConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Availability availability;

    @Inject
    EntityManager em;

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
        QuarkusTransaction.requiringNew().run(() -> availability.reportAll(List.of(
                new Availability.Report(first, "CHECKED_OUT", null, LocalDate.parse("2026-12-01"), 3),
                new Availability.Report(first, "IN_TRANSIT", null, null, 2),
                new Availability.Report(first, "AVAILABLE", library + "-DESK", null, 4),
                new Availability.Report(unknown, "AVAILABLE", null, null, 1),
                new Availability.Report(second, "CHECKED_OUT", null, LocalDate.parse("2026-12-09"), 2))));

        given().when().get("/records/" + recordId + "/availability").then().statusCode(200)
                .body("[0].copies", equalTo(2)).body("[0].available", equalTo(1)).body("[0].onLoan", equalTo(1))
                .body("[0].inTransit", equalTo(0)).body("[0].earliestDue", equalTo("2026-12-09"));
    }

    @Test
    void shouldFoldAPollsReportsOfEachCopyIntoWhatTakingThemOneAtATimeLeaves() {
        String home = Libraries.unique("FLD");
        String other = Libraries.unique("FLO");
        CatalogApi.cityWithDesk(home, home + "-DESK");
        CatalogApi.cityWithDesk(other, other + "-DESK");
        String recordId = CatalogApi.record(Tokens.librarian(home), Map.of("title", "围城"));
        String away = other + "-DESK";
        List<List<Step>> histories = List.of(
                // Returned at the other library, then lent there: it stood there in between.
                List.of(new Step("AVAILABLE", away, 1), new Step("CHECKED_OUT", null, 2)),
                // Lent, then a stale report of it standing at the other library: not taken, nor its shelf.
                List.of(new Step("CHECKED_OUT", null, 3), new Step("AVAILABLE", away, 2)),
                // Available at the other library, then at an unknown point: back at its own library.
                List.of(new Step("AVAILABLE", away, 1), new Step("AVAILABLE", null, 2)),
                // Withdrawn part-way: nothing after it is taken.
                List.of(new Step("CHECKED_OUT", null, 1), new Step("WITHDRAWN", null, 2),
                        new Step("AVAILABLE", away, 3)),
                // A repeated version: the first report of it is held.
                List.of(new Step("CHECKED_OUT", null, 4), new Step("AVAILABLE", away, 4)),
                // Held already at version 5 at the other library: an older return home is not taken, nor its shelf.
                List.of(new Step("AVAILABLE", home + "-DESK", 4), new Step("CHECKED_OUT", null, 6)));
        List<UUID[]> twins = new ArrayList<>();
        for (int i = 0; i < histories.size(); i++) {
            twins.add(new UUID[] {UUID.fromString(copy(home, recordId)), UUID.fromString(copy(home, recordId))});
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (UUID id : twins.get(5)) {
                availability.report(id, "AVAILABLE", away, null, 5);
            }
        });

        // The first of each pair one report at a time; its twin in one poll of every history, interleaved.
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < histories.size(); i++) {
                for (Step step : histories.get(i)) {
                    Availability.Report r = step.of(twins.get(i)[0]);
                    availability.report(r.copyId(), r.status(), r.servicePointCode(), r.dueDate(), r.version());
                }
            }
        });
        List<Availability.Report> poll = new ArrayList<>();
        for (int step = 0; step < 3; step++) {
            for (int i = 0; i < histories.size(); i++) {
                if (step < histories.get(i).size()) {
                    poll.add(histories.get(i).get(step).of(twins.get(i)[1]));
                }
            }
        }
        QuarkusTransaction.requiringNew().run(() -> availability.reportAll(poll));

        for (int i = 0; i < twins.size(); i++) {
            assertEquals(circulationRow(twins.get(i)[0]), circulationRow(twins.get(i)[1]), "history " + i);
        }
        assertEquals(List.of("CHECKED_OUT", Step.DUE.toString(), 2L, other), circulationRow(twins.get(0)[1]));
        assertEquals(List.of("WITHDRAWN", "", 2L, home), circulationRow(twins.get(3)[1]));
        assertEquals(List.of("CHECKED_OUT", Step.DUE.toString(), 6L, other), circulationRow(twins.get(5)[1]));
    }

    /** A circulation report of some copy: lent ones are due on {@link #DUE}. */
    private record Step(String status, String servicePoint, long version) {
        static final LocalDate DUE = LocalDate.parse("2026-12-20");

        Availability.Report of(UUID copyId) {
            return new Availability.Report(copyId, status, servicePoint, "CHECKED_OUT".equals(status) ? DUE : null,
                    version);
        }
    }

    private List<Object> circulationRow(UUID copyId) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT status, CAST(due_date AS text), version, shelf_library"
                + " FROM copy_circulation WHERE copy_id = ?1").setParameter(1, copyId).getSingleResult();
        return List.of(row[0], row[1] == null ? "" : row[1], ((Number) row[2]).longValue(), row[3]);
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
