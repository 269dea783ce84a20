package org.tongjie.delivery.service;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flow 4 on delivery-service's side: quote, order, circulation's answer, packing, courier, delivery. */
@QuarkusTest
class DeliveryOrderFlowTest {

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
    String card;
    String reader;
    String home;

    @BeforeEach
    void network() {
        world = new DeliveryWorld(bootstrapServers, dataSource);
        sf = new Courier("sf", "test-secret-sf", clock);
        city = world.library("NJL", null, "320100");
        district = world.library("YHT", city, "320114");
        world.delivers(city, "3201");
        card = world.reader();
        reader = Tokens.patron(card);
        home = world.address(card, "320114");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldQuotePlaceAllocateShipAndDeliverAnOrder() {
        List<UUID> records = List.of(world.record("活着"), world.record("围城"), world.record("平凡的世界"),
                world.record("白鹿原"));
        Map<String, Object> request = Map.of("libraryCode", city, "recordIds", records, "addressId", home);
        given().contentType(ContentType.JSON).auth().oauth2(reader).body(request).when().post("/delivery-quotes")
                .then().statusCode(200).body("feeFen", equalTo(400)).body("titles", hasItem("围城"));

        String key = UUID.randomUUID().toString();
        String orderId = given().contentType(ContentType.JSON).auth().oauth2(reader).header("Idempotency-Key", key)
                .body(request).when().post("/delivery-orders").then().statusCode(201)
                .body("status", equalTo("REQUESTED")).body("quotedFeeFen", equalTo(400)).extract().path("id");
        given().contentType(ContentType.JSON).auth().oauth2(reader).header("Idempotency-Key", key).body(request)
                .when().post("/delivery-orders").then().statusCode(201).body("id", equalTo(orderId));
        assertEquals(1, world.count("SELECT count(*) FROM delivery_order WHERE card_number = '" + card + "'"));
        try (TopicReader orders = new TopicReader(bootstrapServers, "delivery.orders")) {
            assertTrue(orders.readUntil(seen -> seen.stream().anyMatch(r -> r.key().equals(orderId)),
                    Duration.ofSeconds(20)).stream().anyMatch(r -> r.key().equals(orderId)
                            && r.value().contains("DeliveryOrderPlaced") && r.value().contains(records.get(3).toString())),
                    "DeliveryOrderPlaced never published");
        }

        String a = "A" + System.nanoTime();
        String b = "B" + System.nanoTime();
        String c = "C" + System.nanoTime();
        world.circulationAnswers(orderId, card, List.of(
                Map.of("recordId", records.get(0), "outcome", "ALLOCATED", "barcode", a, "library", district),
                Map.of("recordId", records.get(1), "outcome", "ALLOCATED", "barcode", b, "library", district),
                Map.of("recordId", records.get(2), "outcome", "ALLOCATED", "barcode", c, "library", city),
                Map.of("recordId", records.get(3), "outcome", "NO_COPY_AVAILABLE")));
        world.await("SELECT count(*) FROM delivery_order WHERE id = '" + orderId + "' AND status = 'CONFIRMED'");
        given().auth().oauth2(reader).when().get("/delivery-orders/" + orderId).then().statusCode(200)
                .body("feeFen", equalTo(300)).body("shipments", hasSize(2))
                .body("lines.outcome", contains("ALLOCATED", "ALLOCATED", "ALLOCATED", "NO_COPY_AVAILABLE"));
        given().auth().oauth2(Tokens.patron(world.reader())).when().get("/delivery-orders/" + orderId).then()
                .statusCode(404);

        String librarian = Tokens.librarian(district);
        given().auth().oauth2(librarian).when().get("/pick-lists/" + district + "-DESK").then().statusCode(200)
                .body("barcode", hasItem(a)).body("kind", hasItem("DELIVERY"));
        String shipment = given().auth().oauth2(librarian).queryParam("library", district).when().get("/shipments")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].status", equalTo("PICKING"))
                .extract().path("items[0].id");
        given().contentType(ContentType.JSON).auth().oauth2(librarian).body(Map.of("barcodes", List.of(a, "X1")))
                .when().post("/shipments/" + shipment + "/packing").then().statusCode(422)
                .body("code", equalTo("SCAN_MISMATCH")).body("errors", hasSize(2));
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(city)).body(Map.of("barcodes",
                List.of(a, b))).when().post("/shipments/" + shipment + "/packing").then().statusCode(403);
        given().contentType(ContentType.JSON).auth().oauth2(librarian).body(Map.of("barcodes", List.of(b, a)))
                .when().post("/shipments/" + shipment + "/packing").then().statusCode(200)
                .body("status", equalTo("PACKED"));
        // A desk retrying the scan, e.g. after a lost answer: unchanged; a different scan is still refused.
        given().contentType(ContentType.JSON).auth().oauth2(librarian).body(Map.of("barcodes", List.of(a, b)))
                .when().post("/shipments/" + shipment + "/packing").then().statusCode(200)
                .body("status", equalTo("PACKED")).body("timeline", hasSize(2));
        given().contentType(ContentType.JSON).auth().oauth2(librarian).body(Map.of("barcodes", List.of(a)))
                .when().post("/shipments/" + shipment + "/packing").then().statusCode(422);
        String tracking = "SF" + System.nanoTime();
        for (int attempt = 0; attempt < 2; attempt++) {
            given().contentType(ContentType.JSON).auth().oauth2(librarian).body(Map.of("carrier", "sf",
                    "trackingNumber", tracking)).when().post("/shipments/" + shipment + "/hand-over").then()
                    .statusCode(200).body("status", equalTo("HANDED_TO_COURIER")).body("timeline", hasSize(3));
        }
        given().contentType(ContentType.JSON).auth().oauth2(librarian).body(Map.of("carrier", "sf",
                "trackingNumber", tracking + "X")).when().post("/shipments/" + shipment + "/hand-over").then()
                .statusCode(409).body("code", equalTo("SHIPMENT_STATUS_CONFLICT"));
        given().auth().oauth2(reader).when().post("/delivery-orders/" + orderId + "/cancellation").then()
                .statusCode(409).body("code", equalTo("ORDER_NOT_CANCELLABLE"));

        Instant t = clock.instant();
        sf.reports(tracking, "IN_TRANSIT", t.plusSeconds(60)).statusCode(200).body("applied", equalTo(true));
        String outForDelivery = Courier.body("ofd-" + tracking, tracking, "OUT_FOR_DELIVERY", t.plusSeconds(120));
        sf.post(outForDelivery).statusCode(200).body("applied", equalTo(true));
        sf.post(outForDelivery).statusCode(200).body("duplicate", equalTo(true));
        sf.reports(tracking, "DELIVERED", t.plusSeconds(300)).statusCode(200).body("status", equalTo("DELIVERED"));
        sf.reports(tracking, "IN_TRANSIT", t.plusSeconds(90)).statusCode(200).body("applied", equalTo(false))
                .body("status", equalTo("DELIVERED"));

        given().auth().oauth2(reader).when().get("/shipments/" + shipment).then().statusCode(200)
                .body("status", equalTo("DELIVERED")).body("estimatedDelivery", equalTo("2026-11-25T10:00:00Z"))
                .body("timeline.status", contains("PICKING", "PACKED", "HANDED_TO_COURIER", "IN_TRANSIT",
                        "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"))
                .body("timeline.findAll { !it.applied }.status", contains("IN_TRANSIT"));
        assertEquals(1, world.count("SELECT count(*) FROM tracking_event WHERE status = 'OUT_FOR_DELIVERY'"
                + " AND shipment_id = '" + shipment + "'"));
        try (TopicReader shipments = new TopicReader(bootstrapServers, "delivery.shipments")) {
            List<ConsumerRecord<String, String>> seen = shipments.readUntil(s -> s.stream().anyMatch(r ->
                    r.key().equals(shipment) && r.value().contains("\"DELIVERED\"")), Duration.ofSeconds(20));
            assertTrue(seen.stream().anyMatch(r -> r.key().equals(shipment) && r.value().contains("\"DELIVERED\"")
                    && r.value().contains(a) && r.value().contains("holdId")), "DELIVERED never published");
        }
    }

    @Test
    void shouldRetryAFailedDeliveryThenBringTheBooksBack() {
        UUID record = world.record("红楼梦");
        String orderId = order(Map.of("libraryCode", city, "recordIds", List.of(record), "addressId", home));
        String barcode = "F" + System.nanoTime();
        world.circulationAnswers(orderId, card, List.of(Map.of("recordId", record, "outcome", "ALLOCATED",
                "barcode", barcode, "library", city)));
        String shipment = awaitShipment(orderId);
        String tracking = handOver(city, shipment, barcode);
        Instant t = clock.instant();
        sf.reports(tracking, "OUT_FOR_DELIVERY", t.plusSeconds(10)).body("applied", equalTo(true));
        sf.reports(tracking, "FAILED_ATTEMPT", t.plusSeconds(20)).body("applied", equalTo(true));
        sf.reports(tracking, "OUT_FOR_DELIVERY", t.plusSeconds(15)).body("applied", equalTo(false));
        sf.reports(tracking, "OUT_FOR_DELIVERY", t.plusSeconds(30)).body("applied", equalTo(true));
        sf.reports(tracking, "FAILED_ATTEMPT", t.plusSeconds(40)).body("applied", equalTo(true));
        sf.reports(tracking, "RETURNED_TO_LIBRARY", t.plusSeconds(50)).body("status", equalTo("RETURNED_TO_LIBRARY"));
        sf.reports(tracking, "DELIVERED", t.plusSeconds(60)).body("applied", equalTo(false));
        given().auth().oauth2(reader).when().get("/shipments/" + shipment).then()
                .body("status", equalTo("RETURNED_TO_LIBRARY")).body("failedAttempts", equalTo(2));
        given().auth().oauth2(reader).when().get("/delivery-orders/" + orderId).then()
                .body("status", equalTo("COMPLETED"));
        given().auth().oauth2(reader).when().get("/delivery-orders").then().statusCode(200)
                .body("items.find { it.id == '" + orderId + "' }.shipments[0].status", equalTo("RETURNED_TO_LIBRARY"))
                .body("items.find { it.id == '" + orderId + "' }.lines[0].barcode", equalTo(barcode));
    }

    @Test
    void shouldDeliverFreeToALockerWithAPickupCodeAndExpireAnUncollectedParcel() {
        UUID first = world.record("三体");
        String locker = district + "-LOCKER";
        String orderId = given().contentType(ContentType.JSON).auth().oauth2(reader).body(Map.of("libraryCode", city,
                "recordIds", List.of(first), "deliveryPointCode", locker)).when().post("/delivery-orders").then()
                .statusCode(201).body("quotedFeeFen", equalTo(0)).body("destination", equalTo("DELIVERY_POINT"))
                .extract().path("id");
        String barcode = "L" + System.nanoTime();
        world.circulationAnswers(orderId, card, List.of(Map.of("recordId", first, "outcome", "ALLOCATED",
                "barcode", barcode, "library", city)));
        String shipment = awaitShipment(orderId);
        String tracking = handOver(city, shipment, barcode);
        sf.reports(tracking, "DELIVERED", clock.instant()).body("status", equalTo("DELIVERED"));
        String code = given().auth().oauth2(reader).when().get("/shipments/" + shipment).then()
                .body("pickupCode", matchesPattern("[0-9]{6}")).extract().path("pickupCode");
        given().auth().oauth2(Tokens.librarian(city)).when().get("/shipments/" + shipment).then()
                .body("pickupCode", nullValue());
        String wrong = code.equals("000000") ? "000001" : "000000";
        String lockerSystem = Tokens.system(district);
        given().contentType(ContentType.JSON).auth().oauth2(lockerSystem).body(Map.of("deliveryPointCode", locker,
                "pickupCode", wrong)).when().post("/locker-collections").then().statusCode(422)
                .body("code", equalTo("PICKUP_CODE_UNKNOWN"));
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.system(city)).body(Map.of("deliveryPointCode",
                locker, "pickupCode", code)).when().post("/locker-collections").then().statusCode(403);
        given().contentType(ContentType.JSON).auth().oauth2(lockerSystem).body(Map.of("deliveryPointCode", locker,
                "pickupCode", code)).when().post("/locker-collections").then().statusCode(200)
                .body("status", equalTo("COLLECTED"));

        UUID second = world.record("球状闪电");
        String late = order(Map.of("libraryCode", city, "recordIds", List.of(second), "deliveryPointCode", locker));
        String other = "M" + System.nanoTime();
        world.circulationAnswers(late, card, List.of(Map.of("recordId", second, "outcome", "ALLOCATED",
                "barcode", other, "library", city)));
        String uncollected = awaitShipment(late);
        sf.reports(handOver(city, uncollected, other), "DELIVERED", clock.instant()).body("applied", equalTo(true));
        clock.advance(Duration.ofDays(5));
        given().auth().oauth2(Tokens.operator()).when().post("/shipments/locker-expiry-runs").then().statusCode(200);
        given().auth().oauth2(reader).when().get("/shipments/" + uncollected).then()
                .body("status", equalTo("UNCOLLECTED"));
    }

    @Test
    void shouldCancelAnOrderBeforeHandOverAndTellCirculation() {
        UUID record = world.record("边城");
        String orderId = order(Map.of("libraryCode", city, "recordIds", List.of(record), "addressId", home));
        world.circulationAnswers(orderId, card, List.of(Map.of("recordId", record, "outcome", "ALLOCATED",
                "barcode", "K" + System.nanoTime(), "library", city)));
        String shipment = awaitShipment(orderId);
        given().auth().oauth2(reader).when().post("/delivery-orders/" + orderId + "/cancellation").then()
                .statusCode(200).body("status", equalTo("CANCELLED")).body("feeFen", equalTo(0));
        given().auth().oauth2(reader).when().post("/delivery-orders/" + orderId + "/cancellation").then()
                .statusCode(200).body("status", equalTo("CANCELLED"));
        given().auth().oauth2(reader).when().get("/shipments/" + shipment).then().body("status", equalTo("CANCELLED"));
        try (TopicReader orders = new TopicReader(bootstrapServers, "delivery.orders")) {
            assertTrue(orders.readUntil(seen -> seen.stream().anyMatch(r -> r.key().equals(orderId)
                    && r.value().contains("DeliveryOrderCancelled")), Duration.ofSeconds(20)).stream()
                    .filter(r -> r.key().equals(orderId) && r.value().contains("DeliveryOrderCancelled")).count() == 1);
        }
    }

    @Test
    void shouldRefuseBadOrdersWithProblemDetailsAndWriteNothing() {
        UUID known = world.record("骆驼祥子");
        String outside = world.address(card, "110105");
        List<UUID> six = List.of(known, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID());
        refused(Map.of("libraryCode", city, "recordIds", six, "addressId", home), 422, "TOO_MANY_RECORDS", "recordIds");
        refused(Map.of("libraryCode", city, "recordIds", List.of(known), "addressId", outside), 422,
                "OUTSIDE_SERVICE_AREA", "addressId");
        refused(Map.of("libraryCode", city, "recordIds", List.of(known, UUID.randomUUID()), "addressId", home), 422,
                "RECORD_NOT_FOUND", "recordIds[1]");
        refused(Map.of("libraryCode", city, "recordIds", List.of(known)), 422, "DESTINATION_REQUIRED", "addressId");
        refused(Map.of("libraryCode", city, "recordIds", List.of(known, known), "addressId", home), 422,
                "DUPLICATE_RECORD", "recordIds");
        refused(Map.of("libraryCode", "NOWHERE", "recordIds", List.of(known), "addressId", home), 422,
                "LIBRARY_UNKNOWN", "libraryCode");
        refused(Map.of("libraryCode", city, "recordIds", List.of(), "addressId", home), 422, "VALIDATION_FAILED",
                "recordIds");
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(city)).body(Map.of("libraryCode", city,
                "recordIds", List.of(known), "addressId", home)).when().post("/delivery-orders").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("libraryCode", city, "recordIds", List.of(known),
                "addressId", home)).when().post("/delivery-orders").then().statusCode(401);
        assertEquals(0, world.count("SELECT count(*) FROM delivery_order WHERE card_number = '" + card + "'"));
    }

    private void refused(Map<String, Object> request, int status, String code, String field) {
        var response = given().contentType(ContentType.JSON).auth().oauth2(reader).body(request)
                .when().post("/delivery-orders").then().statusCode(status).contentType("application/problem+json");
        if (code != null) {
            response.body("code", equalTo(code)).body("field", equalTo(field));
        }
    }

    private String order(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).auth().oauth2(reader).body(request).when()
                .post("/delivery-orders").then().statusCode(201).extract().path("id");
    }

    private String awaitShipment(String orderId) {
        world.await("SELECT count(*) FROM shipment WHERE order_id = '" + orderId + "'");
        return given().auth().oauth2(reader).when().get("/delivery-orders/" + orderId).then()
                .extract().path("shipments[0].id");
    }

    private String handOver(String library, String shipment, String barcode) {
        String librarian = Tokens.librarian(library);
        given().contentType(ContentType.JSON).auth().oauth2(librarian).body(Map.of("barcodes", List.of(barcode)))
                .when().post("/shipments/" + shipment + "/packing").then().statusCode(200);
        String tracking = "SF" + System.nanoTime();
        given().contentType(ContentType.JSON).auth().oauth2(librarian).body(Map.of("carrier", "sf",
                "trackingNumber", tracking)).when().post("/shipments/" + shipment + "/hand-over").then()
                .statusCode(200);
        return tracking;
    }
}
