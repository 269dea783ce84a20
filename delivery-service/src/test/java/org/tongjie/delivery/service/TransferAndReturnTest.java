package org.tongjie.delivery.service;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongjie.delivery.fixtures.Courier;
import org.tongjie.delivery.fixtures.DeliveryWorld;
import org.tongjie.delivery.fixtures.TestClock;
import org.tongjie.deploy.testinfra.TopicReader;
import org.tongjie.deploy.testinfra.Tokens;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transfers between libraries, return pickups by courier, webhook security and stuck-state lists. */
@QuarkusTest
class TransferAndReturnTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource dataSource;
    @Inject
    TestClock clock;

    DeliveryWorld world;
    Courier sf;
    String city;
    String district;

    @BeforeEach
    void network() {
        world = new DeliveryWorld(bootstrapServers, dataSource);
        sf = new Courier("sf", "test-secret-sf", clock);
        city = world.library("JLL", null, "320100");
        district = world.library("YHT", city, "320114");
        world.delivers(city, "3201");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldPickDispatchAndReceiveATransferAndFlagItStuckWhenLate() {
        String barcode = "T" + System.nanoTime();
        UUID copy = world.transferRequested(barcode, city + "-DESK", district + "-DESK");
        String cityDesk = Tokens.librarian(city);
        given().auth().oauth2(cityDesk).when().get("/pick-lists/" + city + "-DESK").then().statusCode(200)
                .body("find { it.barcode == '" + barcode + "' }.kind", equalTo("TRANSFER"))
                .body("find { it.barcode == '" + barcode + "' }.title", equalTo("骆驼祥子"))
                .body("find { it.barcode == '" + barcode + "' }.destination", equalTo(district + "-DESK"));
        given().auth().oauth2(Tokens.librarian(district)).when().get("/pick-lists/" + city + "-DESK").then()
                .statusCode(403);

        given().contentType(ContentType.JSON).auth().oauth2(cityDesk).body(Map.of("servicePointCode", city + "-DESK",
                "barcodes", List.of(barcode, "NOPE"))).when().post("/transfer-dispatches").then().statusCode(422)
                .body("code", equalTo("NO_TRANSFER_WAITING")).body("errors[0].field", equalTo("barcodes[1]"));
        assertEquals(1, world.count("SELECT count(*) FROM transfer WHERE copy_id = '" + copy
                + "' AND status = 'REQUESTED'"));
        given().contentType(ContentType.JSON).auth().oauth2(cityDesk).body(Map.of("servicePointCode", city + "-DESK",
                "barcodes", List.of(barcode))).when().post("/transfer-dispatches").then().statusCode(200)
                .body("", hasSize(1)).body("[0].toLibrary", equalTo(district)).body("[0].barcodes", hasItem(barcode));
        given().auth().oauth2(cityDesk).when().get("/pick-lists/" + city + "-DESK").then()
                .body("barcode", not(hasItem(barcode)));

        clock.advance(Duration.ofDays(4));
        given().auth().oauth2(Tokens.librarian(district)).queryParam("library", district).queryParam("stuck", true)
                .when().get("/transfers").then().statusCode(200)
                .body("items.find { it.barcode == '" + barcode + "' }.stuck", equalTo(true))
                .body("items.find { it.barcode == '" + barcode + "' }.status", equalTo("IN_TRANSIT"));

        given().contentType(ContentType.JSON).auth().oauth2(cityDesk).body(Map.of("servicePointCode", city + "-DESK",
                "barcode", barcode)).when().post("/transfer-receipts").then().statusCode(409)
                .body("code", equalTo("WRONG_DESTINATION"));
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(district)).body(Map.of(
                "servicePointCode", district + "-DESK", "barcode", barcode)).when().post("/transfer-receipts").then()
                .statusCode(200).body("status", equalTo("RECEIVED"));
        try (TopicReader transfers = new TopicReader(bootstrapServers, "delivery.transfers")) {
            assertTrue(transfers.readUntil(seen -> seen.stream().anyMatch(r -> r.key().equals(copy.toString())
                    && r.value().contains("TransferReceived")), Duration.ofSeconds(20)).stream()
                    .anyMatch(r -> r.key().equals(copy.toString()) && r.value().contains("TransferReceived")
                            && (district + "-DESK").equals(data(r.value()).path("servicePointCode").asText())),
                    "TransferReceived never published");
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode data(String envelope) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(envelope).path("data");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldCloseATransferWhenCirculationSeesTheCopyCheckedInAtItsDestination() {
        String barcode = "T" + System.nanoTime();
        UUID copy = world.transferRequested(barcode, city + "-DESK", district + "-DESK");
        try (var writer = new org.tongjie.deploy.testinfra.EventWriter(bootstrapServers)) {
            writer.sendEvent("circulation.copies", "CopyStatusChanged", "Copy", copy.toString(), "{\"copyId\":\""
                    + copy + "\",\"barcode\":\"" + barcode + "\",\"status\":\"AVAILABLE\",\"servicePointCode\":\""
                    + district + "-DESK\",\"version\":3}");
        }
        world.await("SELECT count(*) FROM transfer WHERE copy_id = '" + copy + "' AND status = 'RECEIVED'");
    }

    @Test
    void shouldCollectBorrowedBooksByCourierAndHaveThemCheckedIn() {
        String card = world.reader();
        String reader = Tokens.patron(card);
        String address = world.address(card, "320114");
        String mine = "R" + System.nanoTime();
        world.loanOpened(card, mine);
        world.loanOpened(world.reader(), "S" + mine);
        LocalDate tomorrow = LocalDate.now().plusDays(1);
        given().contentType(ContentType.JSON).auth().oauth2(reader).body(Map.of("libraryCode", city, "addressId",
                address, "pickupDate", tomorrow.toString(), "barcodes", List.of(mine, "S" + mine))).when()
                .post("/return-pickups").then().statusCode(422).body("code", equalTo("NOT_RETURNABLE"))
                .body("errors[0].field", equalTo("barcodes[1]"));
        String pickup = given().contentType(ContentType.JSON).auth().oauth2(reader).body(Map.of("libraryCode", city,
                "addressId", address, "pickupDate", tomorrow.toString(), "barcodes", List.of(mine))).when()
                .post("/return-pickups").then().statusCode(201).body("status", equalTo("SCHEDULED")).extract()
                .path("id");
        given().contentType(ContentType.JSON).auth().oauth2(reader).body(Map.of("libraryCode", city, "addressId",
                address, "pickupDate", tomorrow.toString(), "barcodes", List.of(mine))).when()
                .post("/return-pickups").then().statusCode(422).body("code", equalTo("NOT_RETURNABLE"));

        String staff = Tokens.librarian(city);
        String tracking = "SFR" + System.nanoTime();
        given().contentType(ContentType.JSON).auth().oauth2(staff).body(Map.of("carrier", "sf", "trackingNumber",
                tracking)).when().post("/return-pickups/" + pickup + "/courier").then().statusCode(200);
        sf.reports(tracking, "PICKED_UP", clock.instant()).statusCode(200).body("kind", equalTo("RETURN_PICKUP"))
                .body("status", equalTo("PICKED_UP"));
        given().auth().oauth2(reader).when().post("/return-pickups/" + pickup + "/cancellation").then()
                .statusCode(409);
        given().contentType(ContentType.JSON).auth().oauth2(staff).body(Map.of("servicePointCode", city + "-DESK"))
                .when().post("/return-pickups/" + pickup + "/receipt").then().statusCode(200)
                .body("status", equalTo("RECEIVED"));
        try (TopicReader returns = new TopicReader(bootstrapServers, "delivery.returns")) {
            assertTrue(returns.readUntil(seen -> seen.stream().anyMatch(r -> r.key().equals(pickup)),
                    Duration.ofSeconds(20)).stream().anyMatch(r -> r.key().equals(pickup)
                            && r.value().contains("ReturnPickupReceived") && r.value().contains(mine)),
                    "ReturnPickupReceived never published");
        }
    }

    @Test
    void shouldRefuseUnsignedStaleForgedAndUnknownCarrierCallsWritingNothing() {
        String eventId = "sec-" + UUID.randomUUID();
        String body = Courier.body(eventId, "SF-NONE", "DELIVERED", clock.instant());
        long now = clock.instant().getEpochSecond();
        sf.post(body, now, "wrong-secret").statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("SIGNATURE_INVALID"));
        sf.post(body, now - 400, "test-secret-sf").statusCode(401).body("code", equalTo("SIGNATURE_EXPIRED"));
        sf.post(body, now + 400, "test-secret-sf").statusCode(401).body("code", equalTo("SIGNATURE_EXPIRED"));
        given().contentType("application/json").body(body).when().post("/carriers/sf/events").then().statusCode(401);
        new Courier("ems", "whatever", clock).post(body).statusCode(401).body("code", equalTo("CARRIER_UNKNOWN"));
        sf.post(body.replace("DELIVERED", "DELIVERED "), now, "test-secret-sf").statusCode(422);
        sf.post("{not json", now, "test-secret-sf").statusCode(400);
        assertEquals(0, world.count("SELECT count(*) FROM carrier_event WHERE event_id = '" + eventId + "'"));
        sf.post(body).statusCode(422).body("code", equalTo("TRACKING_NUMBER_UNKNOWN"));
        assertEquals(0, world.count("SELECT count(*) FROM carrier_event WHERE event_id = '" + eventId + "'"));
    }

    @Test
    void shouldListAnOrderCirculationNeverAnsweredAsStuck() {
        String card = world.reader();
        String address = world.address(card, "320114");
        UUID record = world.record("茶馆");
        String order = given().contentType(ContentType.JSON).auth().oauth2(Tokens.patron(card)).body(Map.of(
                "libraryCode", city, "recordIds", List.of(record), "addressId", address)).when()
                .post("/delivery-orders").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.operator()).when().get("/stuck-deliveries?size=200").then().statusCode(200)
                .body("items.id", not(hasItem(order)));
        clock.advance(Duration.ofHours(1));
        given().auth().oauth2(Tokens.operator()).when().get("/stuck-deliveries?size=200").then().statusCode(200)
                .body("items.find { it.id == '" + order + "' }.kind", equalTo("ORDER"))
                .body("items.find { it.id == '" + order + "' }.status", equalTo("REQUESTED"));
        given().auth().oauth2(Tokens.librarian(city)).queryParam("library", city).when().get("/stuck-deliveries")
                .then().statusCode(200).body("items.id", hasItem(order));
        given().auth().oauth2(Tokens.librarian(city)).when().get("/stuck-deliveries").then().statusCode(200)
                .body("items.id", hasItem(order)).body("items.libraryCode", everyItem(equalTo(city)));
        given().auth().oauth2(Tokens.librarian(district)).when().get("/stuck-deliveries").then().statusCode(200)
                .body("items.id", not(hasItem(order)));
        given().auth().oauth2(Tokens.librarian(district)).queryParam("library", city).when()
                .get("/stuck-deliveries").then().statusCode(403);

        // Pages follow on from each other, oldest first, over orders, shipments and pickups together.
        String later = given().contentType(ContentType.JSON).auth().oauth2(Tokens.patron(card)).body(Map.of(
                "libraryCode", city, "recordIds", List.of(world.record("围城")), "addressId", address)).when()
                .post("/delivery-orders").then().statusCode(201).extract().path("id");
        clock.advance(Duration.ofHours(1));
        given().auth().oauth2(Tokens.librarian(city)).when().get("/stuck-deliveries?size=200").then()
                .statusCode(200).body("items.id", hasItem(later));
        int total = given().auth().oauth2(Tokens.operator()).when().get("/stuck-deliveries?size=1").then()
                .statusCode(200).body("items", hasSize(1)).extract().path("total");
        List<java.time.Instant> seen = new java.util.ArrayList<>();
        for (int page = 0; page < Math.min(total, 5); page++) {
            seen.add(java.time.Instant.parse(given().auth().oauth2(Tokens.operator()).when()
                    .get("/stuck-deliveries?size=1&page=" + page).then().statusCode(200).body("total", equalTo(total))
                    .extract().<String>path("items[0].since")));
        }
        assertTrue(total >= 2, "two orders at least are stuck");
        assertEquals(seen.stream().sorted().toList(), seen, "oldest first across pages");
        given().auth().oauth2(Tokens.operator()).when().get("/stuck-deliveries?size=0").then().statusCode(400);
    }
}
