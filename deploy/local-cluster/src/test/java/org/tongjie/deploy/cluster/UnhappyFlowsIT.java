package org.tongjie.deploy.cluster;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.TopicReader;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tongjie.deploy.cluster.SharedCluster.awaitAvailability;
import static org.tongjie.deploy.cluster.SharedCluster.awaitStatus;
import static org.tongjie.deploy.cluster.SharedCluster.eventsAbout;
import static org.tongjie.deploy.cluster.SharedCluster.readerToken;
import static org.tongjie.deploy.cluster.SharedCluster.staffToken;

/**
 * The unhappy branches of the flows, through the gateway: refusals by name, a copy returned at a third library
 * while a reader waits for it elsewhere, a district batch sent twice, a parcel the courier cannot deliver.
 * After each, loan-service, the catalog, delivery-service and the events on Kafka tell the same story.
 */
class UnhappyFlowsIT extends OnSharedCluster {

    @Test
    void shouldSendACopyReturnedAtAThirdLibraryToTheWaitingReaderAndRefuseEveryoneElseByName() throws Exception {
        String yht = staffToken("librarian.yht");
        String jll = staffToken("librarian.jll");
        String szl = staffToken("librarian.szl");
        String recordId = record(yht, "额尔古纳河右岸");
        String barcode = copy(yht, recordId, "YHT");
        String borrower = "3201140000001";
        String waiting = "3205000000003";
        String waitingToken = readerToken(waiting, "123456");
        checkOut(yht, borrower, barcode, "YHT-MAIN").statusCode(201);
        checkOut(yht, waiting, barcode, "YHT-MAIN").statusCode(409).body("code", equalTo("COPY_NOT_AVAILABLE"));

        String hold = placeHold(waitingToken, recordId, "SZL-MAIN").statusCode(201)
                .body("status", equalTo("OPEN_NOT_YET_FILLED")).body("queuePosition", equalTo(1)).extract().path("id");
        placeHold(waitingToken, recordId, "SZL-MAIN").statusCode(409).body("code", equalTo("DUPLICATE_HOLD"));
        given().contentType(ContentType.JSON).auth().oauth2(readerToken(borrower, "123456"))
                .body(Map.of("barcode", barcode)).when().post("/api/v1/me/renewals").then().statusCode(422)
                .body("code", equalTo("RENEWAL_REFUSED_HOLDS_WAITING"));

        given().contentType(ContentType.JSON).auth().oauth2(jll).body(Map.of("barcode", barcode,
                "servicePointCode", "JLL-MAIN")).when().post("/api/v1/circulation/check-ins").then().statusCode(200)
                .body("routing", equalTo("TRANSIT_TO_PICKUP")).body("destinationServicePointCode", equalTo("SZL-MAIN"));
        awaitAvailability(recordId, "inTransit");
        awaitOnPickList(jll, "JLL-MAIN", barcode, "SZL-MAIN");
        given().contentType(ContentType.JSON).auth().oauth2(jll).body(Map.of("servicePointCode", "JLL-MAIN",
                "barcodes", List.of(barcode))).when().post("/api/v1/transfer-dispatches").then().statusCode(200);
        given().contentType(ContentType.JSON).auth().oauth2(szl).body(Map.of("servicePointCode", "SZL-MAIN",
                "barcode", barcode)).when().post("/api/v1/transfer-receipts").then().statusCode(200);

        awaitStatus(barcode, "AWAITING_PICKUP");
        awaitAvailability(recordId, "onHoldShelf");
        given().auth().oauth2(waitingToken).when().get("/api/v1/me/holds/" + hold).then()
                .body("status", equalTo("OPEN_AWAITING_PICKUP"));
        checkOut(szl, borrower, barcode, "SZL-MAIN").statusCode(409)
                .body("code", equalTo("COPY_ON_HOLD_FOR_ANOTHER_PATRON"));
        checkOut(szl, waiting, barcode, "SZL-MAIN").statusCode(201);
        awaitAvailability(recordId, "onLoan");

        List<ConsumerRecord<String, String>> copyEvents = eventsAbout(cluster, "circulation.copies", barcode,
                seen -> seen.stream().anyMatch(r -> r.value().contains("CHECKED_OUT")
                        && r.value().contains("SZL-MAIN")));
        assertTrue(copyEvents.stream().anyMatch(r -> r.value().contains("TransferRequested")
                && r.value().contains("HOLD_PICKUP")), "a transfer to the pickup point was requested");
        List<ConsumerRecord<String, String>> holdEvents = eventsAbout(cluster, "circulation.holds", hold,
                seen -> seen.stream().anyMatch(r -> r.value().contains("CLOSED_FILLED")));
        assertTrue(holdEvents.stream().anyMatch(r -> r.value().contains("OPEN_AWAITING_PICKUP")));
    }

    @Test
    void shouldChangeNothingAndPublishNothingWhenADistrictBatchIsSentAgain() throws Exception {
        String system = SharedCluster.clientToken(cluster, "yht-ils");
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L);
        Map<String, Object> batch = Map.of("entries", List.of(
                Map.of("ref", "yht-bib-" + tag + "-1", "record", Map.of("title", "雨花台的春天", "language", "chi"),
                        "copies", List.of(Map.of("barcode", "YHTB" + tag + "1", "homeServicePointCode", "YHT-MAIN"))),
                Map.of("ref", "yht-bib-" + tag + "-2", "record", Map.of("title", "秦淮灯影", "language", "chi"),
                        "copies", List.of(Map.of("barcode", "YHTB" + tag + "2", "homeServicePointCode", "YHT-MAIN"),
                                Map.of("barcode", "YHTB" + tag + "3", "homeServicePointCode", "YHT-MAIN")))));
        sync(system, batch).body("summary.created", equalTo(2));
        awaitStatus("YHTB" + tag + "3", "AVAILABLE");
        sync(system, batch).body("summary.created", equalTo(0)).body("summary.updated", equalTo(0))
                .body("summary.unchanged", equalTo(2)).body("entries.outcome", everyItem(equalTo("UNCHANGED")));

        Thread.sleep(2000);
        try (TopicReader reader = new TopicReader(cluster.started().kafkaBootstrapServers(), "catalog.copies")) {
            List<ConsumerRecord<String, String>> seen = reader.readUntil(records -> false, Duration.ofSeconds(5));
            for (String barcode : List.of("YHTB" + tag + "1", "YHTB" + tag + "2", "YHTB" + tag + "3")) {
                assertEquals(1, seen.stream().filter(r -> r.value().contains("\"" + barcode + "\"")).count(),
                        "one CopyRegistered for " + barcode + ", nothing for the repeat");
            }
        }
        given().queryParam("q", "秦淮灯影").queryParam("library", "YHT").when().get("/api/v1/records").then()
                .body("items.title", hasItem("秦淮灯影"));
    }

    @Test
    void shouldBringAParcelBackAfterTwoFailedAttemptsAndPutTheCopyBackOnTheShelf() throws Exception {
        String njl = staffToken("librarian.njl");
        String recordId = record(njl, "人生海海");
        String barcode = copy(njl, recordId, "NJL");
        String reader = readerToken("3201000000002", "123456");
        String address = given().contentType(ContentType.JSON).auth().oauth2(reader).body(Map.of("recipient", "王芳",
                "phone", "13900000000", "regionCode", "320114", "line", "雨花台区宁双路 8 号")).when()
                .post("/api/v1/me/delivery-addresses").then().statusCode(201).extract().path("id");
        Map<String, Object> order = Map.of("libraryCode", "NJL", "recordIds", List.of(recordId), "addressId", address);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (given().contentType(ContentType.JSON).auth().oauth2(reader).body(order).when()
                .post("/api/v1/me/delivery-quotes").then().extract().statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "delivery never learnt the record");
            Thread.sleep(100);
        }
        String orderId = given().contentType(ContentType.JSON).auth().oauth2(reader).body(order).when()
                .post("/api/v1/me/delivery-orders").then().statusCode(201).extract().path("id");
        String shipment = awaitShipment(reader, orderId);
        given().contentType(ContentType.JSON).auth().oauth2(njl).body(Map.of("barcodes", List.of(barcode))).when()
                .post("/api/v1/shipments/" + shipment + "/packing").then().statusCode(200);
        String tracking = "SFX" + System.nanoTime() % 1_000_000_000L;
        given().contentType(ContentType.JSON).auth().oauth2(njl).body(Map.of("carrier", "sf", "trackingNumber",
                tracking)).when().post("/api/v1/shipments/" + shipment + "/hand-over").then().statusCode(200);
        awaitStatus(barcode, "IN_DELIVERY");

        SignedCourier sf = new SignedCourier("sf", cluster.started().carrierSecrets().secrets().get("sf"));
        sf.reports(tracking, "OUT_FOR_DELIVERY").statusCode(200);
        sf.reports(tracking, "FAILED_ATTEMPT").statusCode(200).body("status", equalTo("FAILED_ATTEMPT"));
        sf.reports(tracking, "OUT_FOR_DELIVERY").statusCode(200);
        sf.reports(tracking, "FAILED_ATTEMPT").statusCode(200);
        sf.reports(tracking, "RETURNED_TO_LIBRARY").statusCode(200).body("status", equalTo("RETURNED_TO_LIBRARY"));
        given().auth().oauth2(reader).when().get("/api/v1/me/shipments/" + shipment).then()
                .body("status", equalTo("RETURNED_TO_LIBRARY")).body("failedAttempts", equalTo(2));

        awaitStatus(barcode, "AVAILABLE");
        awaitAvailability(recordId, "available");
        given().auth().oauth2(reader).when().get("/api/v1/me/delivery-orders/" + orderId).then()
                .body("status", equalTo("COMPLETED"));
        given().auth().oauth2(reader).when().get("/api/v1/me/loans").then()
                .body("items.barcode", org.hamcrest.Matchers.not(hasItem(barcode)));
        List<ConsumerRecord<String, String>> events = eventsAbout(cluster, "delivery.shipments", shipment,
                seen -> seen.stream().anyMatch(r -> r.value().contains("RETURNED_TO_LIBRARY")));
        assertTrue(events.stream().anyMatch(r -> r.value().contains("FAILED_ATTEMPT")));
    }

    @Test
    void shouldDeliverFreeToACommunityLockerAndStartTheLoanWhenTheReaderCollects() throws Exception {
        String njl = staffToken("librarian.njl");
        String recordId = record(njl, "云边有个小卖部");
        String barcode = copy(njl, recordId, "NJL");
        String reader = readerToken("3201140000001", "123456");
        Map<String, Object> order = Map.of("libraryCode", "NJL", "recordIds", List.of(recordId),
                "deliveryPointCode", "YHT-LOCKER-1");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (given().contentType(ContentType.JSON).auth().oauth2(reader).body(order).when()
                .post("/api/v1/me/delivery-quotes").then().extract().statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "delivery never learnt the record");
            Thread.sleep(100);
        }
        given().contentType(ContentType.JSON).auth().oauth2(reader).body(order).when()
                .post("/api/v1/me/delivery-quotes").then().body("feeFen", equalTo(0));
        String orderId = given().contentType(ContentType.JSON).auth().oauth2(reader).body(order).when()
                .post("/api/v1/me/delivery-orders").then().statusCode(201).extract().path("id");
        String shipment = awaitShipment(reader, orderId);
        given().contentType(ContentType.JSON).auth().oauth2(njl).body(Map.of("barcodes", List.of(barcode))).when()
                .post("/api/v1/shipments/" + shipment + "/packing").then().statusCode(200);
        String tracking = "JDL" + System.nanoTime() % 1_000_000_000L;
        given().contentType(ContentType.JSON).auth().oauth2(njl).body(Map.of("carrier", "jd", "trackingNumber",
                tracking)).when().post("/api/v1/shipments/" + shipment + "/hand-over").then().statusCode(200);
        SignedCourier jd = new SignedCourier("jd", cluster.started().carrierSecrets().secrets().get("jd"));
        jd.reports(tracking, "DELIVERED").statusCode(200).body("status", equalTo("DELIVERED"));
        String code = given().auth().oauth2(reader).when().get("/api/v1/me/shipments/" + shipment).then()
                .statusCode(200).body("status", equalTo("DELIVERED")).extract().path("pickupCode");
        assertTrue(code != null && code.matches("\\d{6}"), "the reader sees a pickup code: " + code);

        String lockerSystem = SharedCluster.clientToken(cluster, "yht-ils");
        given().contentType(ContentType.JSON).auth().oauth2(lockerSystem).body(Map.of("deliveryPointCode",
                "YHT-LOCKER-1", "pickupCode", code)).when().post("/api/v1/locker-collections").then()
                .statusCode(200).body("status", equalTo("COLLECTED"));
        awaitStatus(barcode, "CHECKED_OUT");
        awaitAvailability(recordId, "onLoan");
        given().auth().oauth2(reader).when().get("/api/v1/me/loans").then().body("items.barcode", hasItem(barcode));
        given().auth().oauth2(reader).when().get("/api/v1/me/delivery-orders/" + orderId).then()
                .body("status", equalTo("COMPLETED"));
    }

    private static String record(String staff, String title) {
        return SharedCluster.newRecord(staff, title);
    }

    private static String copy(String staff, String recordId, String library) throws InterruptedException {
        return SharedCluster.newCopy(staff, recordId, library + "U" + System.nanoTime() % 1_000_000_000L,
                library + "-MAIN");
    }

    private static ValidatableResponse checkOut(String staff, String card, String barcode, String desk) {
        return SharedCluster.checkOut(staff, card, barcode, desk);
    }

    private static ValidatableResponse placeHold(String reader, String recordId, String pickup) {
        return given().contentType(ContentType.JSON).auth().oauth2(reader).header("Idempotency-Key",
                UUID.randomUUID().toString()).body(Map.of("recordId", recordId, "pickupServicePointCode", pickup))
                .when().post("/api/v1/me/holds").then();
    }

    private static ValidatableResponse sync(String system, Map<String, Object> batch) {
        return given().contentType(ContentType.JSON).auth().oauth2(system).body(batch).when()
                .post("/api/v1/holdings-sync").then().statusCode(200);
    }

    private static void awaitOnPickList(String staff, String point, String barcode, String destination)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (given().auth().oauth2(staff).when().get("/api/v1/pick-lists/" + point).then().extract().jsonPath()
                .getList("findAll { it.barcode == '" + barcode + "' && it.destination == '" + destination
                        + "' }").isEmpty()) {
            assertTrue(System.nanoTime() < deadline, barcode + " never reached the pick list of " + point);
            Thread.sleep(100);
        }
    }

    private static String awaitShipment(String reader, String orderId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            List<String> shipments = given().auth().oauth2(reader).when().get("/api/v1/me/delivery-orders/" + orderId)
                    .then().extract().jsonPath().getList("shipments.id");
            if (shipments != null && !shipments.isEmpty()) {
                return shipments.get(0);
            }
            assertTrue(System.nanoTime() < deadline, "the order was never confirmed");
            Thread.sleep(100);
        }
    }
}
