package org.tongjie.deploy.cluster;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tongjie.deploy.cluster.SharedCluster.awaitAvailability;
import static org.tongjie.deploy.cluster.SharedCluster.awaitStatus;
import static org.tongjie.deploy.cluster.SharedCluster.eventsAbout;
import static org.tongjie.deploy.cluster.SharedCluster.readerToken;
import static org.tongjie.deploy.cluster.SharedCluster.staffToken;

/**
 * 你选书·我买单 through the gateway: 金湖县新华书店's counter buys books readers pick for 金湖县图书馆 and lends them
 * on the spot, under the library's rules, once per receipt, and the monthly statement adds up.
 */
class BookstorePurchaseIT extends OnSharedCluster {

    private static final String STORE = "JHL-XINHUA";
    private static final ZoneId LIBRARY_TIME = ZoneId.of("Asia/Shanghai");
    private static final Random RANDOM = new Random();

    private record Reader(String card, String token) {
    }

    @Test
    void shouldBuyAndLendAtTheCounterOncePerReceiptAndReturnLikeAnyOtherBook() throws Exception {
        String counter = SharedCluster.clientToken(cluster, "jhl-xinhua");
        Reader reader = register("A");
        String month = YearMonth.now(LIBRARY_TIME).toString();
        Map<String, Object> before = statement(staffToken("librarian.jhl"), month).extract().jsonPath().getMap("$");
        String title = "荐购新书" + Long.toString(System.nanoTime(), 36);
        Map<String, Object> book = purchase("XH-" + System.nanoTime(), reader.card(), isbn(), 3980, title, "I247.5");

        // The counter's retries race each other: one purchase, one copy, one loan.
        List<ExtractableResponse<Response>> answers = all(4, () -> buy(counter, book).extract());
        Set<Integer> statuses = new HashSet<>();
        answers.forEach(answer -> statuses.add(answer.statusCode()));
        assertEquals(Set.of(200, 201), statuses, "one 201 and replays: " + statuses);
        String barcode = answers.get(0).path("barcode");
        String purchaseId = answers.get(0).path("purchaseId");
        answers.forEach(answer -> assertEquals(barcode, answer.path("barcode")));
        buy(counter, book).statusCode(200).header("Idempotent-Replayed", "true").body("barcode", equalTo(barcode))
                .body("status", equalTo("COMPLETED")).body("dueAt", notNullValue());
        assertTrue(barcode.startsWith("JHLP"), barcode);
        String recordId = answers.get(0).path("recordId");

        awaitStatus(barcode, "CHECKED_OUT");
        awaitAvailability(recordId, "onLoan");
        given().when().get("/api/v1/records/" + recordId + "/availability").then().body("[0].copies", equalTo(1))
                .body("[0].libraryCode", equalTo("JHL"));
        given().queryParam("q", title).when().get("/api/v1/records").then().body("items[0].id", equalTo(recordId));
        given().auth().oauth2(reader.token()).when().get("/api/v1/me/loans").then().statusCode(200)
                .body("items.findAll { it.barcode == '" + barcode + "' }.size()", equalTo(1))
                .body("items.title", hasItem(title));
        List<ConsumerRecord<String, String>> events = eventsAbout(cluster, "circulation.purchases", purchaseId,
                seen -> seen.stream().anyMatch(e -> e.value().contains("BookPurchased")));
        assertEquals(1, events.stream().filter(e -> e.value().contains("BookPurchased")).count());

        // The book is returned like any other, at another library: it travels home to 金湖.
        given().contentType(ContentType.JSON).auth().oauth2(staffToken("librarian.jll"))
                .body(Map.of("barcode", barcode, "servicePointCode", "JLL-MAIN")).when()
                .post("/api/v1/circulation/check-ins").then().statusCode(200)
                .body("routing", equalTo("TRANSIT_HOME")).body("destinationServicePointCode", equalTo("JHL-MAIN"));

        // The statement of the month adds this purchase to what was there.
        statement(staffToken("librarian.jhl"), month)
                .body("purchases", equalTo(((Number) before.get("purchases")).intValue() + 1))
                .body("totalFen", equalTo(((Number) before.get("totalFen")).intValue() + 3980));
        String csv = given().auth().oauth2(counter).accept("text/csv").when()
                .get("/api/v1/bookstores/" + STORE + "/settlements/" + month).then().statusCode(200).extract()
                .asString();
        assertTrue(csv.contains(barcode) && csv.contains(title) && !csv.contains(reader.card()), csv);
        given().contentType(ContentType.JSON).auth().oauth2(staffToken("admin.jhl"))
                .body(Map.of("month", month, "purchases", 1, "totalFen", 3980)).when()
                .post("/api/v1/bookstores/" + STORE + "/settlements").then().statusCode(409)
                .body("code", equalTo("MONTH_NOT_OVER"));
    }

    @Test
    void shouldRefuseWhatTheRulesForbidAndBuyNothing() throws Exception {
        String counter = SharedCluster.clientToken(cluster, "jhl-xinhua");
        Reader reader = register("B");
        String textbook = "初中数学同步练习" + Long.toString(System.nanoTime(), 36);

        buy(counter, purchase("XH-" + System.nanoTime(), reader.card(), isbn(), 9900, "太贵的书", "I247.5"))
                .statusCode(422).body("code", equalTo("PRICE_OVER_CAP"));
        buy(counter, purchase("XH-" + System.nanoTime(), reader.card(), isbn(), 2000, textbook, "G634.603"))
                .statusCode(422).body("code", equalTo("CATEGORY_EXCLUDED"));
        given().queryParam("q", textbook).when().get("/api/v1/records").then().body("total", equalTo(0));
        buy(counter, purchase("XH-" + System.nanoTime(), "NO-SUCH-CARD", isbn(), 2000, "书", "I247.5"))
                .statusCode(422).body("code", equalTo("PATRON_NOT_FOUND"));

        // A refusal leaves the receipt free: the counter adds the missing title data and sends it again.
        String receipt = "XH-" + System.nanoTime();
        String isbn = isbn();
        Map<String, Object> bare = new HashMap<>(Map.of("receiptNumber", receipt, "cardNumber", reader.card(),
                "isbn", isbn, "priceFen", 2500));
        buy(counter, bare).statusCode(422).body("code", equalTo("RECORD_DATA_REQUIRED"))
                .body("field", equalTo("title"));
        buy(counter, purchase(receipt, reader.card(), isbn, 2500, "补充书名后的书", "K825")).statusCode(201)
                .body("status", equalTo("COMPLETED"));
        buy(counter, purchase("XH-" + System.nanoTime(), reader.card(), isbn, 2500, "补充书名后的书", "K825"))
                .statusCode(422).body("code", equalTo("ALREADY_BOUGHT_FOR_READER"));
        buy(counter, purchase("XH-" + System.nanoTime(), reader.card(), isbn(), 2500, "第二本", "K825"))
                .statusCode(201);
        buy(counter, purchase("XH-" + System.nanoTime(), reader.card(), isbn(), 2500, "第三本", "K825"))
                .statusCode(422).body("code", equalTo("MONTHLY_QUOTA_REACHED"));
        buy(counter, purchase(receipt, register("C").card(), isbn, 2500, "补充书名后的书", "K825")).statusCode(409)
                .body("code", equalTo("RECEIPT_REUSED"));
    }

    @Test
    void shouldKeepEachBookstoreToItsOwnLibraryAndItsOwnPurchases() throws Exception {
        String admin = SharedCluster.adminToken();
        String store = "SZL-BOOKS-" + Long.toString(System.nanoTime() % 100_000);
        given().contentType(ContentType.JSON).auth().oauth2(staffToken("admin.jhl"))
                .body(Map.of("libraryCode", "SZL", "name", "苏州书店", "servicePointCode", "SZL-MAIN")).when()
                .put("/api/v1/bookstores/" + store).then().statusCode(403);
        given().contentType(ContentType.JSON).auth().oauth2(admin)
                .body(Map.of("libraryCode", "SZL", "name", "苏州书店", "servicePointCode", "SZL-MAIN")).when()
                .put("/api/v1/bookstores/" + store).then().statusCode(201);
        String clientId = store.toLowerCase();
        String secret = given().contentType(ContentType.JSON).auth().oauth2(admin)
                .body(Map.of("clientId", clientId, "displayName", "苏州书店 收银台", "libraryCode", "SZL",
                        "bookstoreCode", store)).when().post("/api/v1/clients").then().statusCode(201)
                .extract().path("clientSecret");
        String suzhou = given().formParams(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret)).when().post("/api/v1/auth/token").then().statusCode(200).extract()
                .path("access_token");
        Reader reader = register("D");
        String receipt = "SZ-" + System.nanoTime();

        // Library A's bookstore cannot buy for library B, nor read B's purchases, nor do anything else.
        given().contentType(ContentType.JSON).auth().oauth2(suzhou)
                .body(purchase(receipt, reader.card(), isbn(), 2000, "书", "I247.5")).when()
                .post("/api/v1/bookstores/" + STORE + "/purchases").then().statusCode(403)
                .body("code", equalTo("BOOKSTORE_SCOPE_VIOLATION"));
        given().auth().oauth2(suzhou).when().get("/api/v1/bookstores/" + STORE + "/purchases/" + receipt).then()
                .statusCode(403);
        given().auth().oauth2(suzhou).when().get("/api/v1/patrons/" + reader.card()).then().statusCode(403)
                .body("code", equalTo("BOOKSTORE_SCOPE_VIOLATION"));
        given().contentType(ContentType.JSON).auth().oauth2(SharedCluster.clientToken(cluster, "jhl-xinhua"))
                .body(Map.of("barcode", "X", "servicePointCode", "JHL-MAIN")).when()
                .post("/api/v1/circulation/check-ins").then().statusCode(403);
        given().auth().oauth2(staffToken("librarian.jhl")).when()
                .get("/api/v1/bookstores/" + STORE + "/purchases/" + receipt).then().statusCode(404)
                .body("code", equalTo("PURCHASE_NOT_FOUND"));
        // 苏州's rules are not set, so its bookstore cannot buy yet.
        given().contentType(ContentType.JSON).auth().oauth2(suzhou)
                .body(purchase(receipt, reader.card(), isbn(), 2000, "书", "I247.5")).when()
                .post("/api/v1/bookstores/" + store + "/purchases").then().statusCode(409)
                .body("code", equalTo("PURCHASES_NOT_OFFERED"));
    }

    private static ValidatableResponse buy(String token, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).auth().oauth2(token).body(body).when()
                .post("/api/v1/bookstores/" + STORE + "/purchases").then();
    }

    private static ValidatableResponse statement(String token, String month) {
        return given().auth().oauth2(token).when().get("/api/v1/bookstores/" + STORE + "/settlements/" + month)
                .then().statusCode(200);
    }

    private static Map<String, Object> purchase(String receipt, String card, String isbn, long priceFen,
            String title, String clcClass) {
        return Map.of("receiptNumber", receipt, "cardNumber", card, "isbn", isbn, "priceFen", priceFen,
                "title", title, "authors", List.of("佚名"), "publisher", "江苏人民出版社", "publicationYear", 2026,
                "clcClass", clcClass);
    }

    private static Reader register(String tag) {
        String card = "XH" + tag + System.nanoTime() % 1_000_000_000L;
        SharedCluster.registerReader(staffToken("librarian.jhl"), "JHL", card, "读者" + tag, "246810");
        return new Reader(card, readerToken(card, "246810"));
    }

    /** A random valid ISBN-13 of a Chinese publisher (978-7). */
    private static String isbn() {
        return DemoCatalog.isbn("9787", RANDOM);
    }

    private static <T> List<T> all(int times, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(times);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                futures.add(pool.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
