package org.tongjie.deploy.cluster;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.tongjie.deploy.cluster.SharedCluster.readerToken;
import static org.tongjie.deploy.cluster.SharedCluster.sign;
import static org.tongjie.deploy.cluster.SharedCluster.staffToken;

/**
 * The gateway as a reader's app and the libraries' staff meet it: the composed account, a reader's own
 * actions, and every attempt to reach someone else's account or library refused with nothing changed.
 */
class FrontDoorIT extends OnSharedCluster {

    private record Reader(String card, String token) {
    }

    @Test
    void shouldShowAReaderTheirWholeAccountInOneCallAndLetThemActOnlyOnTheirOwn() throws Exception {
        String yht = staffToken("librarian.yht");
        Reader alice = register(yht, "A");
        Reader bob = register(yht, "B");
        String lent = newCopy(yht, "YHT", "平凡的世界");
        String wanted = newCopy(yht, "YHT", "白鹿原");
        String wantedRecord = given().when().get("/api/v1/circulation/copies/" + wanted).then().extract()
                .path("recordId");
        checkOut(yht, alice.card(), lent).statusCode(201);
        checkOut(yht, bob.card(), wanted).statusCode(201);

        String hold = given().contentType(ContentType.JSON).auth().oauth2(alice.token())
                .body(Map.of("recordId", wantedRecord, "pickupServicePointCode", "YHT-MAIN")).when()
                .post("/api/v1/me/holds").then().statusCode(201).body("status", equalTo("OPEN_NOT_YET_FILLED"))
                .extract().path("id");
        given().auth().oauth2(alice.token()).when().get("/api/v1/me").then().statusCode(200)
                .body("complete", equalTo(true)).body("gaps", empty())
                .body("profile.cardNumber", equalTo(alice.card())).body("blocks", empty())
                .body("loans.title", contains("平凡的世界")).body("loans[0].overdue", equalTo(false))
                .body("loans[0].dueAt", notNullValue())
                .body("holds.title", contains("白鹿原")).body("holds[0].queuePosition", equalTo(1))
                .body("holds[0].pickupServicePoint", equalTo("YHT-MAIN"))
                .body("deliveries", empty()).body("fines.balanceFen", equalTo(0));

        // Bob tries Alice's hold, loan and account: each answer is 404, and nothing of hers changes.
        given().auth().oauth2(bob.token()).when().get("/api/v1/holds/" + hold).then().statusCode(404);
        given().auth().oauth2(bob.token()).when().delete("/api/v1/me/holds/" + hold).then().statusCode(404);
        given().auth().oauth2(bob.token()).when().get("/api/v1/patrons/" + alice.card() + "/holds").then()
                .statusCode(404);
        String loan = given().auth().oauth2(alice.token()).when().get("/api/v1/me/loans").then().statusCode(200)
                .extract().path("items[0].id");
        given().auth().oauth2(bob.token()).when().get("/api/v1/loans/" + loan).then().statusCode(404);
        given().contentType(ContentType.JSON).auth().oauth2(bob.token()).body(Map.of("barcode", lent)).when()
                .post("/api/v1/me/renewals").then().statusCode(404);
        // ...and reaching for staff powers or her fines is refused too.
        given().contentType(ContentType.JSON).auth().oauth2(bob.token()).body(Map.of("cardNumber", bob.card(),
                "barcode", lent, "servicePointCode", "YHT-MAIN")).when().post("/api/v1/circulation/check-outs")
                .then().statusCode(403);
        given().contentType(ContentType.JSON).auth().oauth2(bob.token()).body(Map.of("amountFen", 100)).when()
                .post("/api/v1/patrons/" + alice.card() + "/payments").then().statusCode(403);
        given().auth().oauth2(alice.token()).when().get("/api/v1/me/holds/" + hold).then()
                .body("status", equalTo("OPEN_NOT_YET_FILLED"));
        given().auth().oauth2(alice.token()).when().get("/api/v1/loans/" + loan).then().body("renewals", equalTo(0));

        // Alice renews through her own route, then cancels her hold.
        given().contentType(ContentType.JSON).auth().oauth2(alice.token()).body(Map.of("barcode", lent)).when()
                .post("/api/v1/me/renewals").then().statusCode(200).body("renewals", equalTo(1));
        given().auth().oauth2(alice.token()).when().delete("/api/v1/me/holds/" + hold).then().statusCode(200)
                .body("status", equalTo("CLOSED_CANCELLED"));
    }

    @Test
    void shouldKeepALibrarianToTheirOwnLibrarysDesksWithNothingWritten() throws Exception {
        String yht = staffToken("librarian.yht");
        Reader reader = register(yht, "C");
        String jll = staffToken("librarian.jll");
        String barcode = newCopy(jll, "JLL", "子夜");
        given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("cardNumber", reader.card(),
                "barcode", barcode, "servicePointCode", "JLL-MAIN")).when().post("/api/v1/circulation/check-outs")
                .then().statusCode(403).body("code", equalTo("LIBRARY_SCOPE_VIOLATION"));
        given().when().get("/api/v1/circulation/copies/" + barcode).then().body("status", equalTo("AVAILABLE"));
        given().auth().oauth2(yht).when().get("/api/v1/patrons/" + reader.card() + "/loans").then()
                .body("total", equalTo(0));
    }

    @Test
    void shouldRefuseForgedAndExpiredTokensAtTheGatewayAndAtAServiceCalledDirectly() throws Exception {
        String real = readerToken("3201140000001", "123456");
        long now = System.currentTimeMillis() / 1000;
        String expired = sign(cluster, "{\"iss\":\"https://tongjie.local/issuer\",\"sub\":\"3201140000001\",\"upn\":"
                + "\"3201140000001\",\"groups\":[\"PATRON\"],\"iat\":" + (now - 1200) + ",\"exp\":" + (now - 600) + "}");
        String foreign = sign(cluster, "{\"iss\":\"https://elsewhere.example\",\"sub\":\"3201140000001\",\"upn\":"
                + "\"3201140000001\",\"groups\":[\"PATRON\"],\"exp\":" + (now + 600) + "}");
        String[] parts = real.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"PATRON\"", "\"ADMIN\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(
                StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        int loan = cluster.started().servicePorts().get("loan");
        for (String token : List.of(expired, foreign, tampered, unsigned)) {
            given().auth().oauth2(token).when().get("/api/v1/me").then().statusCode(401);
            given().auth().oauth2(token).when().get("/api/v1/patrons/3201140000001").then().statusCode(401);
            given().baseUri("http://127.0.0.1").port(loan).auth().oauth2(token).when()
                    .get("/patrons/3201140000001").then().statusCode(401);
        }
        given().auth().oauth2(expired).when().get("/api/v1/me").then().body("code", equalTo("TOKEN_EXPIRED"));
        given().baseUri("http://127.0.0.1").port(loan).auth().oauth2(real).when().get("/patrons/3201140000001")
                .then().statusCode(200);
    }

    @Test
    void shouldKeepAReaderSignedInWithRefreshTokensUntilTheySignOut() {
        var signIn = given().formParams(Map.of("grant_type", "password", "scope", "patron", "username",
                "3201140000001", "password", "123456")).when().post("/api/v1/auth/token").then().statusCode(200)
                .extract();
        String refreshed = given().formParams(Map.of("grant_type", "refresh_token", "refresh_token",
                signIn.<String>path("refresh_token"))).when().post("/api/v1/auth/token").then().statusCode(200)
                .extract().path("access_token");
        given().auth().oauth2(refreshed).when().get("/api/v1/me").then().statusCode(200)
                .body("cardNumber", equalTo("3201140000001"));
    }

    @Test
    void shouldStillAnswerMeWithAMarkedGapWhileDeliveryIsDown() throws Exception {
        Reader reader = register(staffToken("librarian.yht"), "D");
        cluster.stop("delivery");
        try {
            given().auth().oauth2(reader.token()).when().get("/api/v1/me").then().statusCode(200)
                    .body("complete", equalTo(false)).body("profile.cardNumber", equalTo(reader.card()))
                    .body("loans", empty()).body("deliveries", equalTo(null))
                    .body("gaps.part", contains("deliveries")).body("gaps[0].status", equalTo(503));
            given().auth().oauth2(reader.token()).when().get("/api/v1/me/delivery-orders").then().statusCode(503)
                    .body("code", equalTo("UPSTREAM_UNAVAILABLE"));
        } finally {
            System.out.printf("delivery-service restarted in %d ms%n", cluster.restart("delivery").toMillis());
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!Boolean.TRUE.equals(given().auth().oauth2(reader.token()).when().get("/api/v1/me").then()
                .extract().path("complete"))) {
            org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() < deadline, "/me complete again");
            Thread.sleep(500);
        }
        given().auth().oauth2(reader.token()).when().get("/api/v1/me").then().body("deliveries", empty());
    }

    private static Reader register(String staff, String tag) {
        String card = "FD" + tag + System.nanoTime() % 1_000_000_000L;
        SharedCluster.registerReader(staff, "YHT", card, "读者" + tag, "135790");
        return new Reader(card, readerToken(card, "135790"));
    }

    /** A new record with one copy at the library's main desk, lendable once loan-service has seen it. */
    private static String newCopy(String staff, String library, String title) throws InterruptedException {
        return SharedCluster.newCopy(staff, SharedCluster.newRecord(staff, title),
                library + "F" + System.nanoTime() % 1_000_000_000L, library + "-MAIN");
    }

    private static io.restassured.response.ValidatableResponse checkOut(String staff, String card, String barcode) {
        return SharedCluster.checkOut(staff, card, barcode, "YHT-MAIN");
    }
}
