package org.tongjie.deploy.cluster;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.TopicReader;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tongjie.deploy.cluster.SharedCluster.awaitStatus;
import static org.tongjie.deploy.cluster.SharedCluster.readerToken;

/**
 * Flow 5 of the design, overdue and fines, through the gateway: a cluster of its own whose loan-service is
 * restarted twenty days ahead ({@code tongjie.clock.shift}), so a loan really falls due.
 */
class OverdueIT {

    private static LocalCluster cluster;
    private static String previousBase;
    private static int previousPort;

    @BeforeAll
    static void startOwnCluster() throws Exception {
        previousBase = RestAssured.baseURI;
        previousPort = RestAssured.port;
        var repository = SharedCluster.repository();
        cluster = LocalCluster.start(new LocalCluster.Options(repository,
                repository.resolve("deploy/local-cluster/target/it-overdue"), 0, 0, 0, 0, 0, 0, false, false));
        RestAssured.baseURI = cluster.started().gatewayUrl();
        RestAssured.port = cluster.started().servicePorts().get("gateway");
    }

    @AfterAll
    static void stopOwnCluster() throws Exception {
        try {
            if (cluster != null) {
                NetworkAgreement.assertAgrees(cluster);
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
        RestAssured.baseURI = previousBase;
        RestAssured.port = previousPort;
    }

    @Test
    void shouldMarkALateLoanOverdueChargeItsFineBlockTheReaderAndLiftTheBlockOnPayment() throws Exception {
        String admin = SharedCluster.adminToken();
        post(admin, "/api/v1/libraries", Map.of("code", "ODL", "name", "逾期演示图书馆", "level", "CITY",
                "regionCode", "320100")).statusCode(201);
        post(admin, "/api/v1/libraries/ODL/service-points", Map.of("code", "ODL-MAIN", "name", "总服务台",
                "type", "DESK")).statusCode(201);
        Map<String, Object> policy = new HashMap<>(Map.of("libraryCode", "ODL", "loanDays", 7, "renewalsAllowed", 1,
                "renewalDays", 7, "maxLoans", 5, "maxHolds", 5, "finePerDayFen", 30, "fineCapFen", 1000,
                "graceDays", 0, "holdShelfDays", 7));
        policy.put("blockAtFineFen", 300);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (post(admin, "/api/v1/loan-policies", policy).extract().statusCode() != 201) {
            assertTrue(System.nanoTime() < deadline, "loan-service never learnt the library");
            Thread.sleep(200);
        }
        String card = "OD" + System.nanoTime() % 1_000_000_000L;
        post(admin, "/api/v1/patrons", Map.of("cardNumber", card, "name", "钱多多", "patronType", "ADULT",
                "homeLibrary", "ODL", "pin", "112233")).statusCode(201);
        String recordId = post(admin, "/api/v1/records", Map.of("title", "追风筝的人")).statusCode(201)
                .extract().path("id");
        String late = copy(admin, recordId, "ODL0000000001");
        String next = copy(admin, recordId, "ODL0000000002");
        String loanId = checkOutOnceTheDeskIsKnown(admin, card, late).statusCode(201)
                .body("dueAt", org.hamcrest.Matchers.notNullValue()).extract().path("id");
        // Another reader asks for a book that is on the shelf where she will collect it, and never comes.
        String absent = "OE" + System.nanoTime() % 1_000_000_000L;
        post(admin, "/api/v1/patrons", Map.of("cardNumber", absent, "name", "孙不来", "patronType", "ADULT",
                "homeLibrary", "ODL", "pin", "445566")).statusCode(201);
        String shelvedRecord = post(admin, "/api/v1/records", Map.of("title", "等待戈多")).statusCode(201)
                .extract().path("id");
        String shelved = copy(admin, shelvedRecord, "ODL0000000003");
        String expiring = given().contentType(ContentType.JSON).auth().oauth2(readerToken(absent, "445566"))
                .body(Map.of("recordId", shelvedRecord, "pickupServicePointCode", "ODL-MAIN")).when()
                .post("/api/v1/me/holds").then().statusCode(201).body("status", equalTo("OPEN_AWAITING_PICKUP"))
                .extract().path("id");
        SharedCluster.awaitAvailability(shelvedRecord, "onHoldShelf");

        System.out.printf("loan-service restarted 20 days ahead in %d ms%n",
                cluster.restart("loan", Map.of("tongjie.clock.shift", "P20D")).toMillis());
        post(admin, "/api/v1/circulation/overdue-runs", null).statusCode(200)
                .body("newlyOverdue", equalTo(1)).body("finesChargedFen", equalTo(13 * 30));
        post(admin, "/api/v1/circulation/overdue-runs", null).statusCode(200).body("finesChargedFen", equalTo(0));
        // The hourly run may have beaten us to it: either way the hold has expired.
        post(admin, "/api/v1/holds/expiry-runs", null).statusCode(200)
                .body("expired", org.hamcrest.Matchers.lessThanOrEqualTo(1));
        given().auth().oauth2(readerToken(absent, "445566")).when().get("/api/v1/me/holds/" + expiring).then()
                .body("status", equalTo("CLOSED_PICKUP_EXPIRED"));
        awaitStatus(shelved, "AVAILABLE");
        SharedCluster.awaitAvailability(shelvedRecord, "available");
        try (TopicReader reader = new TopicReader(cluster.started().kafkaBootstrapServers(), "circulation.loans")) {
            assertTrue(reader.readUntil(seen -> seen.stream().anyMatch(r -> loanId.equals(r.key())
                    && r.value().contains("LoanOverdue")), Duration.ofSeconds(20)).stream()
                    .anyMatch(r -> r.value().contains("LoanOverdue")), "LoanOverdue published");
        }

        String reader = readerToken(card, "112233");
        given().auth().oauth2(reader).when().get("/api/v1/me").then().statusCode(200)
                .body("loans[0].overdue", equalTo(true)).body("fines.balanceFen", equalTo(390))
                .body("blocks", hasSize(1));
        checkOut(admin, card, next).statusCode(422).body("code", equalTo("PATRON_BLOCKED"));
        given().contentType(ContentType.JSON).auth().oauth2(reader).body(Map.of("barcode", late)).when()
                .post("/api/v1/me/renewals").then().statusCode(422);

        post(admin, "/api/v1/circulation/check-ins", Map.of("barcode", late, "servicePointCode", "ODL-MAIN"))
                .statusCode(200).body("closedLoan.fineFen", equalTo(390)).body("routing", equalTo("SHELVE_HERE"));
        given().auth().oauth2(reader).when().get("/api/v1/patrons/" + card).then()
                .body("fineBalanceFen", equalTo(390)).body("blocks", hasSize(1));
        post(admin, "/api/v1/patrons/" + card + "/payments", Map.of("amountFen", 390)).statusCode(200)
                .body("fineBalanceFen", equalTo(0)).body("blocks", empty());
        checkOut(admin, card, next).statusCode(201);
        given().auth().oauth2(reader).when().get("/api/v1/me").then().body("loans", hasSize(1))
                .body("loans[0].overdue", equalTo(false)).body("fines.balanceFen", equalTo(0));
        given().when().get("/api/v1/records/" + recordId + "/availability").then()
                .body("[0].copies", greaterThanOrEqualTo(2));
    }

    private static String copy(String admin, String recordId, String barcode) throws InterruptedException {
        return SharedCluster.newCopy(admin, recordId, barcode, "ODL-MAIN");
    }

    private static ValidatableResponse checkOut(String staff, String card, String barcode) {
        return SharedCluster.checkOut(staff, card, barcode, "ODL-MAIN");
    }

    /**
     * The first check-out at the new desk, once loan-service has heard of it: the desk's event travels on another
     * topic than the copy's and may come later. A check-out refused for an unknown desk changes nothing.
     */
    private static ValidatableResponse checkOutOnceTheDeskIsKnown(String staff, String card, String barcode)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        ValidatableResponse answer = checkOut(staff, card, barcode);
        while ("SERVICE_POINT_UNKNOWN".equals(answer.extract().path("code")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = checkOut(staff, card, barcode);
        }
        return answer;
    }

    private static ValidatableResponse post(String token, String path, Object body) {
        var request = given().auth().oauth2(token);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.when().post(path).then();
    }
}
