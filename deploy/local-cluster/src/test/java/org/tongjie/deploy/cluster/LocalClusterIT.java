package org.tongjie.deploy.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.TopicReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tongjie.deploy.cluster.SharedCluster.awaitAvailability;
import static org.tongjie.deploy.cluster.SharedCluster.awaitStatus;
import static org.tongjie.deploy.cluster.SharedCluster.staffToken;

/**
 * The whole cluster as the README's run command starts it (real PostgreSQL, real Kafka, four service
 * processes, demo data), driven only through the gateway over HTTP, plus an independent Kafka consumer.
 */
class LocalClusterIT extends OnSharedCluster {

    private static final ObjectMapper JSON = new ObjectMapper();
    @Test
    void shouldMakeACopyRegisteredThroughTheGatewayLendableWithinSeconds() throws Exception {
        String librarian = staffToken("librarian.yht");
        String recordId = given().contentType(ContentType.JSON).auth().oauth2(librarian)
                .body(Map.of("title", "边城", "authors", List.of("沈从文"), "language", "chi"))
                .when().post("/api/v1/records").then().statusCode(201).extract().path("id");
        String barcode = "YHT" + System.currentTimeMillis();
        long registeredAt = System.nanoTime();
        String copyId = given().contentType(ContentType.JSON).auth().oauth2(librarian)
                .body(Map.of("barcode", barcode, "recordId", recordId, "homeServicePointCode", "YHT-MAIN"))
                .when().post("/api/v1/copies").then().statusCode(201)
                .header("Location", equalTo(cluster.started().gatewayUrl() + "/api/v1/copies/" + barcode))
                .extract().path("id");

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (given().when().get("/api/v1/circulation/copies/" + barcode).statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "copy never reached loan-service's projection");
            Thread.sleep(50);
        }
        System.out.printf("CopyRegistered → loan-service projection: %d ms%n",
                Duration.ofNanos(System.nanoTime() - registeredAt).toMillis());
        given().when().get("/api/v1/circulation/copies/" + barcode).then().statusCode(200)
                .body("status", equalTo("AVAILABLE")).body("libraryCode", equalTo("YHT"))
                .body("copyId", equalTo(copyId)).body("title", equalTo("边城"));

        try (TopicReader reader = new TopicReader(cluster.started().kafkaBootstrapServers(), "catalog.copies")) {
            ConsumerRecord<String, String> event = reader.readUntil(seen -> seen.stream()
                    .anyMatch(r -> copyId.equals(r.key())), Duration.ofSeconds(20)).stream()
                    .filter(r -> copyId.equals(r.key())).findFirst().orElseThrow();
            JsonNode envelope = JSON.readTree(event.value());
            for (String field : List.of("eventId", "eventType", "eventVersion", "occurredAt", "aggregateType",
                    "aggregateId", "data")) {
                assertTrue(envelope.has(field), "envelope has " + field);
            }
            assertEquals("CopyRegistered", envelope.get("eventType").asText());
            assertEquals(copyId, envelope.get("aggregateId").asText());
            assertEquals(barcode, envelope.get("data").get("barcode").asText());
        }
    }

    @Test
    void shouldBorrowHereReturnThereAndKeepCatalogAvailabilityInStep() throws Exception {
        String yht = staffToken("librarian.yht");
        String jll = staffToken("librarian.jll");
        String card = "E2E" + System.currentTimeMillis();
        given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("cardNumber", card, "name", "李明",
                "patronType", "ADULT", "homeLibrary", "YHT", "pin", "246810")).when().post("/api/v1/patrons").then()
                .statusCode(201);
        String recordId = given().contentType(ContentType.JSON).auth().oauth2(yht)
                .body(Map.of("title", "城南旧事", "authors", List.of("林海音"))).when().post("/api/v1/records").then()
                .statusCode(201).extract().path("id");
        String barcode = "YHTE" + System.currentTimeMillis();
        given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("barcode", barcode, "recordId", recordId,
                "homeServicePointCode", "YHT-MAIN")).when().post("/api/v1/copies").then().statusCode(201);
        awaitStatus(barcode, "AVAILABLE");

        given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("cardNumber", card, "barcode", barcode,
                "servicePointCode", "YHT-MAIN")).when().post("/api/v1/circulation/check-outs").then().statusCode(201);
        awaitAvailability(recordId, "onLoan");

        given().contentType(ContentType.JSON).auth().oauth2(jll).body(Map.of("barcode", barcode,
                "servicePointCode", "JLL-MAIN")).when().post("/api/v1/circulation/check-ins").then().statusCode(200)
                .body("routing", equalTo("TRANSIT_HOME")).body("destinationServicePointCode", equalTo("YHT-MAIN"));
        awaitAvailability(recordId, "inTransit");

        given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("barcode", barcode,
                "servicePointCode", "YHT-MAIN")).when().post("/api/v1/circulation/check-ins").then().statusCode(200)
                .body("routing", equalTo("SHELVE_HERE"));
        awaitAvailability(recordId, "available");
        given().when().get("/api/v1/circulation/copies/" + barcode).then().body("status", equalTo("AVAILABLE"));
    }

    @Test
    void shouldLetAReaderSignInRenewTheirLoanAndSeeOnlyTheirOwnAccount() throws Exception {
        String yht = staffToken("librarian.yht");
        String card = "3201140000001";
        String barcode = "YHTR" + System.currentTimeMillis();
        String recordId = given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("title", "朝花夕拾"))
                .when().post("/api/v1/records").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("barcode", barcode, "recordId", recordId,
                "homeServicePointCode", "YHT-MAIN")).when().post("/api/v1/copies").then().statusCode(201);
        awaitStatus(barcode, "AVAILABLE");
        given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("cardNumber", card, "barcode", barcode,
                "servicePointCode", "YHT-MAIN")).when().post("/api/v1/circulation/check-outs").then().statusCode(201);

        String reader = given().formParams(Map.of("grant_type", "password", "scope", "patron", "username", card,
                "password", "123456")).when().post("/api/v1/auth/token").then().statusCode(200)
                .extract().path("access_token");
        given().formParams(Map.of("grant_type", "password", "scope", "patron", "username", card,
                "password", "999999")).when().post("/api/v1/auth/token").then().statusCode(400)
                .body("code", equalTo("INVALID_GRANT"));
        given().auth().oauth2(reader).when().get("/api/v1/patrons/" + card + "/loans").then().statusCode(200)
                .body("items.status", org.hamcrest.Matchers.hasItem("OPEN"));
        given().contentType(ContentType.JSON).auth().oauth2(reader).body(Map.of("barcode", barcode))
                .when().post("/api/v1/circulation/renewals").then().statusCode(200).body("renewals", equalTo(1));
        given().auth().oauth2(reader).when().get("/api/v1/patrons/3201000000002").then().statusCode(404);
        given().contentType(ContentType.JSON).auth().oauth2(reader).body(Map.of("title", "x"))
                .when().post("/api/v1/records").then().statusCode(403);
    }

    @Test
    void shouldFetchAHeldCopyFromAnotherLibraryToTheReadersPickupPoint() throws Exception {
        String jll = staffToken("librarian.jll");
        String yht = staffToken("librarian.yht");
        String recordId = given().contentType(ContentType.JSON).auth().oauth2(jll).body(Map.of("title", "呼兰河传",
                "authors", List.of("萧红"))).when().post("/api/v1/records").then().statusCode(201).extract().path("id");
        String barcode = "JLLH" + System.currentTimeMillis();
        given().contentType(ContentType.JSON).auth().oauth2(jll).body(Map.of("barcode", barcode, "recordId", recordId,
                "homeServicePointCode", "JLL-MAIN")).when().post("/api/v1/copies").then().statusCode(201);
        awaitStatus(barcode, "AVAILABLE");
        String reader = given().formParams(Map.of("grant_type", "password", "scope", "patron",
                "username", "3201140000001", "password", "123456")).when().post("/api/v1/auth/token").then()
                .statusCode(200).extract().path("access_token");

        String hold = given().contentType(ContentType.JSON).auth().oauth2(reader).body(Map.of("recordId", recordId,
                "pickupServicePointCode", "YHT-MAIN")).when().post("/api/v1/holds").then().statusCode(201)
                .body("status", equalTo("OPEN_IN_TRANSIT")).extract().path("id");
        awaitAvailability(recordId, "inTransit");
        given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("barcode", barcode,
                "servicePointCode", "YHT-MAIN")).when().post("/api/v1/circulation/check-ins").then().statusCode(200)
                .body("routing", equalTo("HOLD_SHELF_HERE"));
        awaitAvailability(recordId, "onHoldShelf");
        given().auth().oauth2(reader).when().get("/api/v1/holds/" + hold).then()
                .body("status", equalTo("OPEN_AWAITING_PICKUP"));
        given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("cardNumber", "3201140000001",
                "barcode", barcode, "servicePointCode", "YHT-MAIN")).when().post("/api/v1/circulation/check-outs")
                .then().statusCode(201);
        given().auth().oauth2(reader).when().get("/api/v1/holds/" + hold).then().body("status", equalTo("CLOSED_FILLED"));
        awaitAvailability(recordId, "onLoan");
    }

    @Test
    void shouldDeliverAnOrderHomeStartTheLoanAndBringTheBookBackByCourierAndTransfer() throws Exception {
        String yht = staffToken("librarian.yht");
        String admin = yht;
        String recordId = given().contentType(ContentType.JSON).auth().oauth2(admin).body(Map.of("title", "城南旧事",
                "authors", List.of("林海音"))).when().post("/api/v1/records").then().statusCode(201).extract().path("id");
        String barcode = "YHTD" + System.currentTimeMillis();
        given().contentType(ContentType.JSON).auth().oauth2(admin).body(Map.of("barcode", barcode, "recordId", recordId,
                "homeServicePointCode", "YHT-MAIN")).when().post("/api/v1/copies").then().statusCode(201);
        awaitStatus(barcode, "AVAILABLE");
        String reader = given().formParams(Map.of("grant_type", "password", "scope", "patron",
                "username", "3201000000002", "password", "123456")).when().post("/api/v1/auth/token").then()
                .statusCode(200).extract().path("access_token");
        String address = given().contentType(ContentType.JSON).auth().oauth2(reader).body(Map.of("recipient", "王芳",
                "phone", "13900000000", "regionCode", "320114", "line", "雨花台区软件大道 101 号")).when()
                .post("/api/v1/delivery-addresses").then().statusCode(201).extract().path("id");
        Map<String, Object> order = Map.of("libraryCode", "NJL", "recordIds", List.of(recordId), "addressId", address);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (given().contentType(ContentType.JSON).auth().oauth2(reader).body(order).when()
                .post("/api/v1/delivery-quotes").then().extract().statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "delivery never learnt the record");
            Thread.sleep(100);
        }
        given().contentType(ContentType.JSON).auth().oauth2(reader).body(order).when().post("/api/v1/delivery-quotes")
                .then().body("feeFen", equalTo(300));
        String orderId = given().contentType(ContentType.JSON).auth().oauth2(reader)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(order).when()
                .post("/api/v1/delivery-orders").then().statusCode(201).extract().path("id");
        deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!"CONFIRMED".equals(given().auth().oauth2(reader).when().get("/api/v1/delivery-orders/" + orderId)
                .then().extract().path("status"))) {
            assertTrue(System.nanoTime() < deadline, "the order was never confirmed");
            Thread.sleep(100);
        }
        awaitStatus(barcode, "AWAITING_DELIVERY");
        String shipment = given().auth().oauth2(reader).when().get("/api/v1/delivery-orders/" + orderId).then()
                .body("lines[0].barcode", equalTo(barcode)).extract().path("shipments[0].id");
        // Another reader, another library's librarian and a reader at staff lists get nothing of this order.
        String stranger = SharedCluster.readerToken("3201140000001", "123456");
        given().auth().oauth2(stranger).when().get("/api/v1/delivery-orders/" + orderId).then().statusCode(404);
        given().auth().oauth2(stranger).when().post("/api/v1/me/delivery-orders/" + orderId + "/cancellation")
                .then().statusCode(404);
        given().auth().oauth2(stranger).when().get("/api/v1/shipments/" + shipment).then().statusCode(404);
        given().auth().oauth2(stranger).when().delete("/api/v1/me/delivery-addresses/" + address).then()
                .statusCode(404);
        given().auth().oauth2(stranger).when().get("/api/v1/me/delivery-orders").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(hasItem(orderId)));
        given().auth().oauth2(stranger).when().get("/api/v1/stuck-deliveries").then().statusCode(403);
        given().auth().oauth2(staffToken("librarian.szl")).queryParam("library", "NJL").when()
                .get("/api/v1/delivery-orders").then().statusCode(403);
        given().auth().oauth2(staffToken("operator")).when().get("/api/v1/stuck-deliveries").then().statusCode(200);
        given().auth().oauth2(reader).when().get("/api/v1/delivery-orders/" + orderId).then()
                .body("status", equalTo("CONFIRMED"));
        given().auth().oauth2(reader).when().get("/api/v1/me").then().statusCode(200)
                .body("deliveries.find { it.id == '" + orderId + "' }.shipments[0].status", equalTo("PICKING"));
        given().auth().oauth2(yht).when().get("/api/v1/pick-lists/YHT-MAIN").then().statusCode(200)
                .body("barcode", hasItem(barcode));
        given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("barcodes", List.of(barcode))).when()
                .post("/api/v1/shipments/" + shipment + "/packing").then().statusCode(200);
        String tracking = "SF" + System.currentTimeMillis();
        given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("carrier", "sf", "trackingNumber",
                tracking)).when().post("/api/v1/shipments/" + shipment + "/hand-over").then().statusCode(200);
        awaitStatus(barcode, "IN_DELIVERY");
        SignedCourier sf = new SignedCourier("sf", cluster.started().carrierSecrets().secrets().get("sf"));
        sf.reports(tracking, "IN_TRANSIT").statusCode(200).body("applied", equalTo(true));
        sf.reports(tracking, "DELIVERED").statusCode(200).body("status", equalTo("DELIVERED"));
        awaitStatus(barcode, "CHECKED_OUT");
        awaitAvailability(recordId, "onLoan");
        given().auth().oauth2(reader).when().get("/api/v1/patrons/3201000000002/loans").then().statusCode(200)
                .body("items.barcode", hasItem(barcode));
        given().auth().oauth2(reader).when().get("/api/v1/delivery-orders/" + orderId).then()
                .body("status", equalTo("COMPLETED"));

        Map<String, Object> pickup = Map.of("libraryCode", "NJL", "addressId", address, "pickupDate",
                java.time.LocalDate.now().plusDays(1).toString(), "barcodes", List.of(barcode));
        deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        io.restassured.response.ExtractableResponse<?> scheduled;
        while ((scheduled = given().contentType(ContentType.JSON).auth().oauth2(reader).body(pickup).when()
                .post("/api/v1/return-pickups").then().extract()).statusCode() != 201) {
            assertTrue(System.nanoTime() < deadline, "delivery never learnt the loan: " + scheduled.body().asString());
            Thread.sleep(100);
        }
        String pickupId = scheduled.path("id");
        String njl = staffToken("librarian.njl");
        String pickupTracking = "SFR" + System.currentTimeMillis();
        given().contentType(ContentType.JSON).auth().oauth2(njl).body(Map.of("carrier", "sf", "trackingNumber",
                pickupTracking)).when().post("/api/v1/return-pickups/" + pickupId + "/courier").then().statusCode(200);
        sf.reports(pickupTracking, "PICKED_UP").statusCode(200).body("status", equalTo("PICKED_UP"));
        given().contentType(ContentType.JSON).auth().oauth2(njl).body(Map.of("servicePointCode", "NJL-MAIN")).when()
                .post("/api/v1/return-pickups/" + pickupId + "/receipt").then().statusCode(200);
        awaitStatus(barcode, "IN_TRANSIT");
        given().auth().oauth2(njl).when().get("/api/v1/patrons/3201000000002/loans").then()
                .body("items.find { it.barcode == '" + barcode + "' }.status", equalTo("CLOSED"));

        deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!given().auth().oauth2(njl).when().get("/api/v1/pick-lists/NJL-MAIN").then().extract()
                .jsonPath().getList("barcode").contains(barcode)) {
            assertTrue(System.nanoTime() < deadline, "the transfer home never reached the pick list");
            Thread.sleep(100);
        }
        given().contentType(ContentType.JSON).auth().oauth2(njl).body(Map.of("servicePointCode", "NJL-MAIN",
                "barcodes", List.of(barcode))).when().post("/api/v1/transfer-dispatches").then().statusCode(200)
                .body("[0].toLibrary", equalTo("YHT"));
        given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("servicePointCode", "YHT-MAIN",
                "barcode", barcode)).when().post("/api/v1/transfer-receipts").then().statusCode(200);
        awaitStatus(barcode, "AVAILABLE");
        awaitAvailability(recordId, "available");
    }

    @Test
    void shouldKeepABookReturnedAtAJinhuReadingBarThereBecauseJinhusCollectionFloats() throws Exception {
        String jhl = staffToken("librarian.jhl");
        given().when().get("/api/v1/floating-collections/JHL").then().statusCode(200).body("floating", equalTo(true));
        String recordId = given().contentType(ContentType.JSON).auth().oauth2(jhl).body(Map.of("title", "白洋淀纪事"))
                .when().post("/api/v1/records").then().statusCode(201).extract().path("id");
        String barcode = "JHLF" + System.currentTimeMillis();
        given().contentType(ContentType.JSON).auth().oauth2(jhl).body(Map.of("barcode", barcode, "recordId", recordId,
                "homeServicePointCode", "JHL-MAIN")).when().post("/api/v1/copies").then().statusCode(201);
        awaitStatus(barcode, "AVAILABLE");
        given().contentType(ContentType.JSON).auth().oauth2(jhl).body(Map.of("cardNumber", "3208310000004",
                "barcode", barcode, "servicePointCode", "JHL-MAIN")).when().post("/api/v1/circulation/check-outs")
                .then().statusCode(201);
        given().contentType(ContentType.JSON).auth().oauth2(jhl).body(Map.of("barcode", barcode,
                "servicePointCode", "JHL-KKSB-3")).when().post("/api/v1/circulation/check-ins").then()
                .statusCode(200).body("routing", equalTo("FLOAT_HERE"));
        given().when().get("/api/v1/circulation/copies/" + barcode).then().body("status", equalTo("AVAILABLE"))
                .body("currentServicePointCode", equalTo("JHL-KKSB-3"));
        awaitAvailability(recordId, "available");
    }

    @Test
    void shouldLoadTheSeedLibrariesWithTheirServicePoints() {
        given().queryParam("size", 200).when().get("/api/v1/libraries").then().statusCode(200)
                .body("items.code", hasItem("NJL")).body("items.code", hasItem("JLL"))
                .body("items.code", hasItem("YHT")).body("items.code", hasItem("SZL"))
                .body("items.code", hasItem("JHL")).body("items.code", hasItem("BHL"));
        given().when().get("/api/v1/libraries/YHT").then().statusCode(200).body("parentCode", equalTo("JLL"));
        List<String> readingBars = given().when().get("/api/v1/libraries/JHL/service-points").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.type == 'READING_BAR' }.name");
        assertEquals(7, readingBars.size());
        assertTrue(readingBars.stream().allMatch(name -> name.startsWith("看看书吧")));
    }

    @Test
    void shouldRefuseBadInputAndStrangersThroughTheGateway() {
        String librarian = staffToken("librarian.yht");
        given().contentType(ContentType.JSON).auth().oauth2(librarian).body("{\"barcode\": ")
                .when().post("/api/v1/copies").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_JSON"));
        given().contentType(ContentType.JSON).auth().oauth2(librarian).body(Map.of("barcode", 12))
                .when().post("/api/v1/copies").then().statusCode(400).body("code", equalTo("INVALID_FIELD"))
                .body("field", equalTo("barcode"));
        given().contentType(ContentType.JSON).auth().oauth2(librarian).body(Map.of("barcode", "12"))
                .when().post("/api/v1/copies").then().statusCode(422).body("code", equalTo("VALIDATION_FAILED"));
        given().contentType(ContentType.JSON).body(Map.of("title", "匿名"))
                .when().post("/api/v1/records").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().contentType(ContentType.JSON).auth().oauth2(librarian)
                .body(Map.of("barcode", "X" + UUID.randomUUID().toString().substring(0, 8), "recordId",
                        UUID.randomUUID(), "homeServicePointCode", "JLL-MAIN"))
                .when().post("/api/v1/copies").then().statusCode(403).body("code", equalTo("LIBRARY_SCOPE_VIOLATION"));
    }

    @Test
    void shouldLetTheDistrictSystemActForItsOwnLibraryOnly() {
        String system = SharedCluster.clientToken(cluster, "yht-ils");
        String recordId = given().contentType(ContentType.JSON).auth().oauth2(system)
                .body(Map.of("title", "长恨歌", "authors", List.of("王安忆")))
                .when().post("/api/v1/records").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).auth().oauth2(system).body(Map.of("barcode", "YHTS"
                + System.currentTimeMillis(), "recordId", recordId, "homeServicePointCode", "YHT-MAIN"))
                .when().post("/api/v1/copies").then().statusCode(201);
        given().contentType(ContentType.JSON).auth().oauth2(system).body(Map.of("barcode", "JLLS"
                + System.currentTimeMillis(), "recordId", recordId, "homeServicePointCode", "JLL-MAIN"))
                .when().post("/api/v1/copies").then().statusCode(403);
    }

    @Test
    void shouldServeEveryServicesApiDocumentsAndHealthAtTheGateway() {
        given().when().get("/openapi/catalog").then().statusCode(200).body("servers[0].url", equalTo("/api/v1"))
                .body("paths", hasKey("/copies"));
        given().when().get("/openapi/loan").then().statusCode(200).body("paths", hasKey("/circulation/copies/{barcode}"));
        given().when().get("/openapi/delivery").then().statusCode(200).body("paths", hasKey("/delivery-points"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        for (int port : cluster.started().servicePorts().values()) {
            given().baseUri("http://127.0.0.1").port(port).when().get("/q/health/ready").then().statusCode(200)
                    .body("status", equalTo("UP"));
            given().baseUri("http://127.0.0.1").port(port).when().get("/q/metrics").then().statusCode(200);
        }
    }

    @Test
    void shouldLeaveNoProcessBehindAndStartAgainAfterStopping() throws Exception {
        Path repository = SharedCluster.repository();
        LocalCluster second = LocalCluster.start(new LocalCluster.Options(repository,
                repository.resolve("deploy/local-cluster/target/it-second"), 0, 0, 0, 0, 0, 0, false, false));
        List<Long> pids = second.servicePids();
        Path run = second.runDirectory();
        second.close();
        for (long pid : pids) {
            assertFalse(Processes.alive(pid), "service " + pid + " stopped");
        }
        assertFalse(Files.exists(run), "the run directory with PostgreSQL's data is gone");
        assertTrue(Processes.mentioning(run).findAny().isEmpty(), "no postgres of that run is left");
    }
}
