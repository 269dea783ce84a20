package org.tongjie.loan.purchase;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.TopicReader;
import org.tongjie.deploy.testinfra.Tokens;
import org.tongjie.loan.fixtures.Network;
import org.tongjie.loan.fixtures.TestClock;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 你选书·我买单 as loan-service sees it: bookstores and rules kept by the library's administrators, the rules
 * refusing before anything is bought, a purchase the catalog cannot finish kept pending and then abandoned, and
 * monthly settlement. (Here no catalog-service runs; the whole purchase is tested end to end through the
 * gateway in BookstorePurchaseIT.)
 */
@QuarkusTest
class BookstorePurchaseTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldLetOnlyTheLibrarysAdministratorRegisterBookstoresAndSetRules() {
        Network network = new Network(bootstrapServers, dataSource);
        String library = network.library("JHL", null);
        String other = network.library("HAL", null);
        String store = network.code("XINHUA");
        Map<String, Object> registration = Map.of("libraryCode", library, "name", "金湖县新华书店",
                "servicePointCode", library + "-DESK");
        register(Tokens.librarian(library), store, registration).statusCode(403);
        register(Tokens.admin(other), store, registration).statusCode(403)
                .body("code", equalTo("LIBRARY_SCOPE_VIOLATION"));
        register(Tokens.admin(library), store, Map.of("libraryCode", library, "name", "x",
                "servicePointCode", other + "-DESK")).statusCode(422).body("field", equalTo("servicePointCode"));
        register(Tokens.admin(library), store, registration).statusCode(201).body("active", equalTo(true))
                .body("rules", nullValue());
        register(Tokens.admin(library), store, Map.of("libraryCode", library, "name", "金湖新华书店",
                "servicePointCode", library + "-DESK", "active", false)).statusCode(200)
                .body("name", equalTo("金湖新华书店")).body("active", equalTo(false));
        register(Tokens.admin(other), store, Map.of("libraryCode", other, "name", "x",
                "servicePointCode", other + "-DESK")).statusCode(409)
                .body("code", equalTo("BOOKSTORE_OF_ANOTHER_LIBRARY"));

        given().when().get("/purchase-rules/" + library).then().statusCode(404)
                .body("code", equalTo("PURCHASES_NOT_OFFERED"));
        rules(Tokens.admin(library), library, Map.of("monthlyQuota", 0, "priceCapFen", 8000, "maxNetworkCopies", 3))
                .statusCode(422).body("field", equalTo("monthlyQuota"));
        rules(Tokens.librarian(library), library, rules()).statusCode(403);
        rules(Tokens.admin(library), library, rules()).statusCode(200).body("priceCapFen", equalTo(8000))
                .body("excludedClasses", equalTo(List.of("G62", "G63")));
        given().when().get("/purchase-rules/" + library).then().statusCode(200).body("monthlyQuota", equalTo(2));

        given().auth().oauth2(Tokens.bookstore(store, library)).when().get("/bookstores/" + store).then()
                .statusCode(200).body("rules.maxNetworkCopies", equalTo(3));
        given().auth().oauth2(Tokens.bookstore(network.code("OTHER"), library)).when().get("/bookstores/" + store)
                .then().statusCode(403).body("code", equalTo("BOOKSTORE_SCOPE_VIOLATION"));
        given().auth().oauth2(Tokens.librarian(library)).queryParam("library", library).when().get("/bookstores")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].code", equalTo(store));
        given().auth().oauth2(Tokens.librarian(other)).queryParam("library", library).when().get("/bookstores")
                .then().statusCode(403);
    }

    @Test
    void shouldRefuseByTheRulesBeforeAnythingIsBought() {
        Network network = new Network(bootstrapServers, dataSource);
        String library = network.library("JHL", null);
        String store = network.code("XINHUA");
        register(Tokens.admin(library), store, Map.of("libraryCode", library, "name", "金湖县新华书店",
                "servicePointCode", library + "-DESK")).statusCode(201);
        String reader = network.patron(library, "ADULT");
        String token = Tokens.bookstore(store, library);

        buy(token, store, purchase("R-1", reader, "9787544253994", 3980)).statusCode(409)
                .body("code", equalTo("PURCHASES_NOT_OFFERED"));
        rules(Tokens.admin(library), library, rules()).statusCode(200);
        buy(token, store, purchase("R-1", reader, "9787544253994", 8001)).statusCode(422)
                .body("code", equalTo("PRICE_OVER_CAP")).body("field", equalTo("priceFen"));
        buy(token, store, purchase("R-1", "NOBODY-" + reader, "9787544253994", 3980)).statusCode(422)
                .body("code", equalTo("PATRON_NOT_FOUND")).body("field", equalTo("cardNumber"));
        buy(token, store, purchase("R-1", reader, "9787544253995", 3980)).statusCode(422)
                .body("code", equalTo("INVALID_ISBN"));
        buy(token, store, Map.of("receiptNumber", "R 1", "cardNumber", reader, "isbn", "9787544253994",
                "priceFen", -5)).statusCode(422).body("errors.field", org.hamcrest.Matchers.hasItems("receiptNumber",
                "priceFen"));

        Map<String, Object> policy = new HashMap<>(Map.of("libraryCode", library, "loanDays", 30,
                "renewalsAllowed", 1, "renewalDays", 30, "maxLoans", 1, "maxHolds", 5, "finePerDayFen", 10,
                "fineCapFen", 1000, "graceDays", 0, "holdShelfDays", 7));
        policy.put("blockAtFineFen", 500);
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.admin(library)).body(policy)
                .when().post("/loan-policies").then().statusCode(201);
        network.execute("UPDATE patron SET fine_balance_fen = 600 WHERE card_number = '" + reader + "'");
        buy(token, store, purchase("R-1", reader, "9787544253994", 3980)).statusCode(422)
                .body("code", equalTo("PATRON_BLOCKED"));
        network.execute("UPDATE patron SET fine_balance_fen = 0 WHERE card_number = '" + reader + "'");
        org.tongjie.loan.fixtures.Desk.checkOut(library, reader, network.copy(library, "STANDARD")).statusCode(201);
        buy(token, store, purchase("R-1", reader, "9787544253994", 3980)).statusCode(422)
                .body("code", equalTo("LOAN_LIMIT_REACHED"));
        register(Tokens.admin(library), store, Map.of("libraryCode", library, "name", "金湖县新华书店",
                "servicePointCode", library + "-DESK", "active", false)).statusCode(200);
        buy(token, store, purchase("R-1", reader, "9787544253994", 3980)).statusCode(409)
                .body("code", equalTo("BOOKSTORE_INACTIVE"));

        buy(Tokens.bookstore(network.code("ELSEWHERE"), library), store, purchase("R-1", reader, "9787544253994",
                3980)).statusCode(403).body("code", equalTo("BOOKSTORE_SCOPE_VIOLATION"));
        buy(Tokens.system(library), store, purchase("R-1", reader, "9787544253994", 3980)).statusCode(403)
                .body("code", equalTo("BOOKSTORE_SCOPE_VIOLATION"));
        buy(token, network.code("NOWHERE"), purchase("R-1", reader, "9787544253994", 3980)).statusCode(404)
                .body("code", equalTo("BOOKSTORE_NOT_FOUND"));
        assertEquals(0, network.count("SELECT count(*) FROM purchase WHERE bookstore_code = '" + store + "'"));

        // A bookstore's token reaches nothing but its own purchases, whatever its role.
        given().auth().oauth2(token).when().get("/patrons/" + reader).then().statusCode(403)
                .body("code", equalTo("BOOKSTORE_SCOPE_VIOLATION"));
        given().contentType(ContentType.JSON).auth().oauth2(token)
                .body(Map.of("cardNumber", reader, "barcode", "X1", "servicePointCode", library + "-DESK"))
                .when().post("/circulation/check-outs").then().statusCode(403)
                .body("code", equalTo("BOOKSTORE_SCOPE_VIOLATION"));
    }

    @Test
    void shouldKeepAPurchaseTheCatalogCouldNotFinishPendingForARetryThenAbandonIt() {
        Network network = new Network(bootstrapServers, dataSource);
        String library = network.library("JHL", null);
        String store = network.code("XINHUA");
        register(Tokens.admin(library), store, Map.of("libraryCode", library, "name", "金湖县新华书店",
                "servicePointCode", library + "-DESK")).statusCode(201);
        rules(Tokens.admin(library), library, rules()).statusCode(200);
        String reader = network.patron(library, "ADULT");
        String token = Tokens.bookstore(store, library);
        String pending = "SELECT count(*) FROM purchase WHERE bookstore_code = '" + store + "' AND status = 'PENDING'";

        buy(token, store, purchase("R-1", reader, "9787544253994", 3980)).statusCode(503)
                .body("code", equalTo("CATALOG_UNAVAILABLE")).body("detail", containsString("same receipt"));
        buy(token, store, purchase("R-1", reader, "9787544253994", 3980)).statusCode(503);
        assertEquals(1, network.count(pending));
        buy(token, store, purchase("R-1", network.patron(library, "ADULT"), "9787544253994", 3980)).statusCode(409)
                .body("code", equalTo("RECEIPT_REUSED"));
        buy(token, store, purchase("R-2", reader, "978-7-5442-5399-4", 3980)).statusCode(422)
                .body("code", equalTo("ALREADY_BOUGHT_FOR_READER"));
        buy(token, store, purchase("R-3", reader, "9787020002207", 2500)).statusCode(503);
        buy(token, store, purchase("R-4", reader, "9787536692930", 2300)).statusCode(422)
                .body("code", equalTo("MONTHLY_QUOTA_REACHED"));
        assertEquals(2, network.count(pending));

        try (TopicReader events = new TopicReader(bootstrapServers, "circulation.purchases")) {
            clock.advance(Duration.ofMinutes(11));
            network.awaitRow("SELECT count(*) FROM (SELECT 1 FROM purchase WHERE bookstore_code = '" + store
                    + "' GROUP BY bookstore_code HAVING count(*) FILTER (WHERE status = 'ABANDONED') = 2) done");
            List<ConsumerRecord<String, String>> abandoned = events.readUntil(found -> found.stream()
                    .filter(e -> e.value().contains("PurchaseAbandoned") && e.value().contains(store)).count() == 2,
                    Duration.ofSeconds(20));
            assertEquals(2, abandoned.stream().filter(e -> e.value().contains(store)).count());
        }
        buy(token, store, purchase("R-1", reader, "9787544253994", 3980)).statusCode(409)
                .body("code", equalTo("PURCHASE_ABANDONED"));
        // Abandoned purchases no longer count against the quota or the ISBN.
        buy(token, store, purchase("R-5", reader, "9787544253994", 3980)).statusCode(503);
    }

    @Test
    void shouldSettleAFinishedMonthOnceAtTheStatementsTotals() {
        Network network = new Network(bootstrapServers, dataSource);
        String library = network.library("JHL", null);
        String other = network.library("HAL", null);
        String store = network.code("XINHUA");
        register(Tokens.admin(library), store, Map.of("libraryCode", library, "name", "金湖县新华书店",
                "servicePointCode", library + "-DESK")).statusCode(201);
        String reader = network.patron(library, "ADULT");
        YearMonth thisMonth = YearMonth.now(ZONE);
        YearMonth lastMonth = thisMonth.minusMonths(1);
        completed(network, store, library, reader, "L-1", 3980, lastMonth.atDay(1), "I247.5");
        completed(network, store, library, reader, "L-2", 2550, lastMonth.atEndOfMonth(), "K825");
        completed(network, store, library, reader, "L-3", 1999, lastMonth.atDay(15), "=HYPERLINK(\"x\")");
        completed(network, store, library, reader, "N-1", 5000, LocalDate.now(ZONE), "I712");

        String statement = "/bookstores/" + store + "/settlements/" + lastMonth;
        given().auth().oauth2(Tokens.librarian(library)).queryParam("size", 2).when().get(statement).then()
                .statusCode(200).body("purchases", equalTo(3)).body("totalFen", equalTo(8529))
                .body("lines", hasSize(2)).body("lines[0].receiptNumber", equalTo("L-1"))
                .body("lines[0].cardNumberMasked", equalTo(reader.substring(0, 2)
                        + "*".repeat(reader.length() - 6) + reader.substring(reader.length() - 4)))
                .body("settledAt", nullValue());
        String csv = given().auth().oauth2(Tokens.bookstore(store, library)).accept("text/csv").when().get(statement)
                .then().statusCode(200).extract().asString();
        assertEquals(5, csv.lines().count(), csv);
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), csv);
        org.junit.jupiter.api.Assertions.assertTrue(csv.strip().endsWith("85.29"), csv);
        given().auth().oauth2(Tokens.librarian(other)).when().get(statement).then().statusCode(403);
        given().auth().oauth2(Tokens.librarian(library)).when().get("/bookstores/" + store + "/settlements/2026-13")
                .then().statusCode(400);

        settle(Tokens.librarian(library), store, lastMonth, 3, 8529).statusCode(403);
        settle(Tokens.bookstore(store, library), store, lastMonth, 3, 8529).statusCode(403);
        settle(Tokens.admin(library), store, lastMonth, 3, 8528).statusCode(409)
                .body("code", equalTo("SETTLEMENT_TOTALS_DIFFER"));
        settle(Tokens.admin(library), store, thisMonth, 1, 5000).statusCode(409)
                .body("code", equalTo("MONTH_NOT_OVER"));
        settle(Tokens.admin(library), store, lastMonth, 3, 8529).statusCode(201).body("purchases", equalTo(3))
                .body("settledBy", equalTo("admin@" + library));
        settle(Tokens.admin(library), store, lastMonth, 3, 8529).statusCode(409)
                .body("code", equalTo("ALREADY_SETTLED"));
        given().auth().oauth2(Tokens.bookstore(store, library)).when().get(statement).then().statusCode(200)
                .body("settledAt", notNullValue());
    }

    /** A purchase completed on a given day, as the purchase flow leaves it (the flow needs catalog-service). */
    private static void completed(Network network, String store, String library, String card, String receipt,
            long priceFen, LocalDate day, String title) {
        network.execute("INSERT INTO purchase (id, bookstore_code, library_code, receipt_number, patron_id,"
                + " card_number, isbn, price_fen, title, status, record_id, copy_id, barcode, loan_id, created_at,"
                + " completed_at) SELECT gen_random_uuid(), '" + store + "', '" + library + "', '" + receipt
                + "', id, card_number, '97870" + (10000000 + (long) (Math.random() * 89999999)) + "', " + priceFen
                + ", '" + title.replace("'", "''") + "', 'COMPLETED', gen_random_uuid(), gen_random_uuid(), 'B"
                + receipt + "', gen_random_uuid(), timestamptz '" + day.atTime(12, 0).atZone(ZONE).toOffsetDateTime()
                + "', timestamptz '" + day.atTime(12, 0).atZone(ZONE).toOffsetDateTime() + "'"
                + " FROM patron WHERE card_number = '" + card + "'");
    }

    private static Map<String, Object> rules() {
        return Map.of("monthlyQuota", 2, "priceCapFen", 8000, "maxNetworkCopies", 3,
                "excludedClasses", List.of("g63", "G62"));
    }

    private static Map<String, Object> purchase(String receipt, String card, String isbn, long priceFen) {
        return Map.of("receiptNumber", receipt, "cardNumber", card, "isbn", isbn, "priceFen", priceFen,
                "title", "百年孤独", "clcClass", "I775.45");
    }

    private static ValidatableResponse register(String token, String store, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).auth().oauth2(token).body(body)
                .when().put("/bookstores/" + store).then();
    }

    private static ValidatableResponse rules(String token, String library, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).auth().oauth2(token).body(body)
                .when().put("/purchase-rules/" + library).then();
    }

    private static ValidatableResponse buy(String token, String store, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).auth().oauth2(token).body(body)
                .when().post("/bookstores/" + store + "/purchases").then();
    }

    private static ValidatableResponse settle(String token, String store, YearMonth month, long count, long total) {
        return given().contentType(ContentType.JSON).auth().oauth2(token)
                .body(Map.of("month", month.toString(), "purchases", count, "totalFen", total))
                .when().post("/bookstores/" + store + "/settlements").then();
    }
}
