package org.tongjie.catalog.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongjie.catalog.fixtures.CatalogApi;
import org.tongjie.catalog.fixtures.Libraries;
import org.tongjie.deploy.testinfra.EventWriter;
import org.tongjie.deploy.testinfra.Rows;
import org.tongjie.deploy.testinfra.TopicReader;
import org.tongjie.deploy.testinfra.Tokens;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog's side of a bookstore purchase: a provisional copy under the library's limits, invisible until
 * loan-service reports it lent, and discarded when the purchase is abandoned.
 */
@QuarkusTest
class AcquisitionTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    AgroalDataSource dataSource;
    Rows rows;

    @BeforeEach
    void rows() {
        rows = new Rows(dataSource);
    }

    @Test
    void shouldMakeAnInvisibleCopyThatJoinsTheCollectionOnceLent() throws Exception {
        String library = Libraries.unique("JHL");
        CatalogApi.cityWithDesk(library, library + "-DESK");
        String store = library + "-XH";
        String isbn = CopyResourceTest.randomIsbn();
        UUID purchase = UUID.randomUUID();

        String token = Tokens.bookstore(store, library);
        var made = acquire(token, library, request(purchase, store, library, isbn, "一本新书", 3)).statusCode(200)
                .body("barcode", startsWith(library + "P")).body("recordCreated", equalTo(true))
                .body("callNumber", equalTo("I247.5")).extract();
        String copyId = made.path("copyId");
        String recordId = made.path("recordId");
        acquire(token, library, request(purchase, store, library, isbn, "一本新书", 3)).statusCode(200)
                .body("copyId", equalTo(copyId)).body("barcode", equalTo(made.path("barcode")));
        given().when().get("/records/" + recordId + "/availability").then().statusCode(200).body("$", empty());
        given().queryParam("q", "一本新书").queryParam("availableAt", library).when().get("/records").then()
                .body("items", empty());

        try (TopicReader copies = new TopicReader(bootstrapServers, "catalog.copies");
                EventWriter writer = new EventWriter(bootstrapServers)) {
            writer.sendEvent("circulation.purchases", "BookPurchased", "Purchase", purchase.toString(),
                    "{\"purchaseId\":\"" + purchase + "\",\"libraryCode\":\"" + library + "\",\"bookstoreCode\":\""
                            + store + "\",\"copyId\":\"" + copyId + "\",\"checkoutServicePointCode\":\"" + library
                            + "-DESK\",\"dueDate\":\"2026-12-22\",\"copyVersion\":0}");
            await(() -> !given().when().get("/records/" + recordId + "/availability").then().extract().jsonPath()
                    .getList("$").isEmpty());
            given().when().get("/records/" + recordId + "/availability").then()
                    .body("[0].copies", equalTo(1)).body("[0].onLoan", equalTo(1))
                    .body("[0].earliestDue", equalTo("2026-12-22"));
            List<ConsumerRecord<String, String>> registered = copies.readUntil(found -> found.stream()
                    .anyMatch(e -> e.key().equals(copyId)), Duration.ofSeconds(20));
            assertTrue(registered.stream().anyMatch(e -> e.key().equals(copyId)
                    && e.value().contains("CopyRegistered")));
            // The copy's own status report, arriving later with the same version, changes nothing.
            writer.sendEvent("circulation.copies", "CopyStatusChanged", "Copy", copyId, "{\"copyId\":\"" + copyId
                    + "\",\"status\":\"CHECKED_OUT\",\"servicePointCode\":\"" + library + "-DESK\","
                    + "\"dueDate\":\"2026-12-22\",\"version\":0}");
        }
        given().when().get("/copies/" + made.path("barcode")).then().statusCode(200).body("status", equalTo("ACTIVE"));
        given().when().get("/records/" + recordId + "/availability").then().body("[0].onLoan", equalTo(1));
    }

    @Test
    void shouldApplyTheLibrarysLimitsAndRefuseOthersThanTheBookstore() {
        String library = Libraries.unique("JHL");
        String other = Libraries.unique("HAL");
        CatalogApi.cityWithDesk(library, library + "-DESK");
        CatalogApi.cityWithDesk(other, other + "-DESK");
        String store = library + "-XH";
        String token = Tokens.bookstore(store, library);
        String isbn = CopyResourceTest.randomIsbn();
        String recordId = CatalogApi.record(Tokens.librarian(library), Libraries.hongLouMeng(isbn));
        for (int i = 0; i < 2; i++) {
            CatalogApi.post(Tokens.librarian(library), "/copies", Map.of("barcode", "H" + System.nanoTime(),
                    "recordId", recordId, "homeServicePointCode", library + "-DESK")).statusCode(201);
        }

        acquire(token, library, request(UUID.randomUUID(), store, library, isbn, null, 2)).statusCode(422)
                .body("code", equalTo("ENOUGH_COPIES_IN_NETWORK"));
        acquire(token, library, request(UUID.randomUUID(), store, library, isbn, null, 3)).statusCode(200)
                .body("recordId", equalTo(recordId)).body("recordCreated", equalTo(false));
        acquire(token, library, request(UUID.randomUUID(), store, library, isbn, null, 3)).statusCode(422)
                .body("code", equalTo("ENOUGH_COPIES_IN_NETWORK"));

        Map<String, Object> textbook = request(UUID.randomUUID(), store, library, CopyResourceTest.randomIsbn(),
                "初中数学同步练习", 3);
        textbook.put("clcClass", "G634.603");
        acquire(token, library, textbook).statusCode(422).body("code", equalTo("CATEGORY_EXCLUDED"));
        acquire(token, library, request(UUID.randomUUID(), store, library, CopyResourceTest.randomIsbn(), null, 3))
                .statusCode(422).body("code", equalTo("RECORD_DATA_REQUIRED")).body("field", equalTo("title"));
        given().queryParam("q", "初中数学同步练习").when().get("/records").then().body("items", empty());

        Map<String, Object> elsewhere = request(UUID.randomUUID(), store, library, CopyResourceTest.randomIsbn(),
                "书", 3);
        acquire(Tokens.bookstore(store, library), other, elsewhere).statusCode(403)
                .body("code", equalTo("BOOKSTORE_SCOPE_VIOLATION"));
        acquire(Tokens.bookstore(library + "-OTHER", library), library, elsewhere).statusCode(403)
                .body("code", equalTo("BOOKSTORE_SCOPE_VIOLATION"));
        acquire(Tokens.system(library), library, elsewhere).statusCode(403).body("code", equalTo("BOOKSTORE_ONLY"));
        elsewhere.put("homeServicePointCode", other + "-DESK");
        acquire(token, library, elsewhere).statusCode(422).body("field", equalTo("homeServicePointCode"));
        // A bookstore's token reaches nothing else in the catalog.
        CatalogApi.post(token, "/copies", Map.of("barcode", "Z" + System.nanoTime(), "recordId", recordId,
                "homeServicePointCode", library + "-DESK")).statusCode(403)
                .body("code", equalTo("BOOKSTORE_SCOPE_VIOLATION"));
    }

    @Test
    void shouldDiscardTheCopyOfAnAbandonedPurchaseAndMakeNoneLater() throws Exception {
        String library = Libraries.unique("JHL");
        CatalogApi.cityWithDesk(library, library + "-DESK");
        String store = library + "-XH";
        String token = Tokens.bookstore(store, library);
        UUID made = UUID.randomUUID();
        UUID never = UUID.randomUUID();
        String barcode = acquire(token, library, request(made, store, library, CopyResourceTest.randomIsbn(),
                "放弃的书", 3)).statusCode(200).extract().path("barcode");
        given().when().get("/copies/" + barcode).then().statusCode(200).body("status", equalTo("PROVISIONAL"));
        given().auth().oauth2(Tokens.librarian(library)).when().delete("/copies/" + barcode).then().statusCode(409)
                .body("code", equalTo("COPY_BEING_PURCHASED"));

        try (EventWriter writer = new EventWriter(bootstrapServers)) {
            for (UUID purchase : List.of(made, never)) {
                writer.sendEvent("circulation.purchases", "PurchaseAbandoned", "Purchase", purchase.toString(),
                        "{\"purchaseId\":\"" + purchase + "\",\"libraryCode\":\"" + library + "\",\"bookstoreCode\":\""
                                + store + "\"}");
            }
        }
        await(() -> given().when().get("/copies/" + barcode).then().extract().statusCode() == 404);
        rows.await("SELECT count(*) FROM acquisition WHERE purchase_id = '" + never + "' AND status = 'DISCARDED'");
        acquire(token, library, request(never, store, library, CopyResourceTest.randomIsbn(), "迟到的书", 3))
                .statusCode(409).body("code", equalTo("PURCHASE_ABANDONED"));
        acquire(token, library, request(made, store, library, CopyResourceTest.randomIsbn(), "放弃的书", 3))
                .statusCode(409).body("code", equalTo("PURCHASE_ABANDONED"));
        assertEquals(0, rows.count("SELECT count(*) FROM copy WHERE barcode = '" + barcode + "'"));
    }

    private static Map<String, Object> request(UUID purchase, String store, String library, String isbn, String title,
            int maxCopies) {
        Map<String, Object> body = new HashMap<>(Map.of("purchaseId", purchase.toString(), "bookstoreCode", store,
                "homeServicePointCode", library + "-DESK", "isbn", isbn, "clcClass", "I247.5",
                "maxNetworkCopies", maxCopies, "excludedClasses", List.of("G62", "G63")));
        if (title != null) {
            body.put("title", title);
        }
        return body;
    }

    private static ValidatableResponse acquire(String token, String library, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).auth().oauth2(token).body(body)
                .when().post("/libraries/" + library + "/acquisitions").then();
    }

    private static void await(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.get()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in time");
            Thread.sleep(100);
        }
    }
}
