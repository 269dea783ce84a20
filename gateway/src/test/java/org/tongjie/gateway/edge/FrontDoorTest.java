package org.tongjie.gateway.edge;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.Tokens;
import org.tongjie.platform.security.RememberingJwtParser;

import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class FrontDoorTest {

    @Inject
    JWTParser parser;

    @Test
    void shouldRefuseExpiredTamperedForeignAndUnsignedTokensBeforeAnyServiceSeesThem() {
        // Tokens are checked by the parser that remembers good ones: refusals must hold through it.
        assertTrue(parser instanceof RememberingJwtParser, "the front door verifies with the remembering parser");
        String good = Tokens.patron("3201140000777");
        List<String> bad = List.of(
                Tokens.tampered(good, "groups", "[\"ADMIN\"]"),
                Tokens.signedByAnotherKey("3201140000777", Set.of("PATRON")),
                Tokens.ofIssuer("https://evil.example/issuer", "3201140000777", Set.of("PATRON")),
                Tokens.unsigned("root", Set.of("ADMIN")),
                "not-a-jwt");
        for (String path : List.of("/api/v1/records/anything", "/api/v1/me", "/api/v1/staff-accounts")) {
            for (String token : bad) {
                given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").when().post(path).then()
                        .statusCode(401).contentType("application/problem+json").body("code", equalTo("INVALID_TOKEN"))
                        .header("WWW-Authenticate", containsString("invalid_token"));
            }
            given().auth().oauth2(Tokens.expired("3201140000777", Set.of("PATRON"))).when().get(path).then()
                    .statusCode(401).body("code", equalTo("TOKEN_EXPIRED"));
        }
        // The echoing stand-in for the catalog proves nothing reached it: a good token is passed on as is.
        given().auth().oauth2(good).when().get("/api/v1/records/anything").then().statusCode(200)
                .body("authorization", equalTo("Bearer " + good));
        given().auth().oauth2(Tokens.tampered(good, "groups", "[\"ADMIN\"]")).when().get("/api/v1/records/anything")
                .then().statusCode(401).body("code", equalTo("INVALID_TOKEN"));
    }

    @Test
    void shouldTripAReadersQuotaWithRetryAfterAndRecover() throws Exception {
        String reader = Tokens.patron("Q" + System.nanoTime());
        int refused = 0;
        String retryAfter = null;
        for (int i = 0; i < 150; i++) {
            Response response = given().auth().oauth2(reader).when().get("/api/v1/no-such-thing");
            if (response.statusCode() == 429) {
                refused++;
                retryAfter = response.header("Retry-After");
                assertEquals("QUOTA_EXCEEDED", response.jsonPath().getString("code"));
            } else {
                assertEquals(404, response.statusCode());
            }
        }
        assertTrue(refused > 0, "a reader making 150 requests at once is slowed down");
        assertTrue(Integer.parseInt(retryAfter) >= 1, "Retry-After says when to come back");
        // Another caller is not affected by this reader's bucket.
        given().auth().oauth2(Tokens.patron("Q" + System.nanoTime())).when().get("/api/v1/no-such-thing").then()
                .statusCode(404);
        Thread.sleep(Integer.parseInt(retryAfter) * 1000L + 100);
        given().auth().oauth2(reader).when().get("/api/v1/no-such-thing").then().statusCode(404)
                .header("X-RateLimit-Remaining", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void shouldSendAReadersOwnRequestsToTheServiceBehindThemAndNobodyElses() {
        String reader = Tokens.patron("3201140000888");
        given().auth().oauth2(reader).queryParam("size", 5).when().get("/api/v1/me/delivery-orders").then()
                .statusCode(200).body("uri", equalTo("/delivery-orders?size=5"))
                .body("authorization", equalTo("Bearer " + reader));
        given().auth().oauth2(reader).contentType(ContentType.JSON).body("{\"loanIds\": []}").when()
                .post("/api/v1/me/return-pickups").then().statusCode(201).body("uri", equalTo("/return-pickups"))
                .body("method", equalTo("POST"));

        given().auth().oauth2(Tokens.librarian("YHT")).when().get("/api/v1/me/delivery-orders").then()
                .statusCode(403).body("code", equalTo("PATRON_TOKEN_REQUIRED"));
        given().when().get("/api/v1/me/delivery-orders").then().statusCode(401);
        given().auth().oauth2(reader).when().get("/api/v1/me/fines-waived").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(reader).urlEncodingEnabled(false).when()
                .get("/api/v1/me/delivery-orders/%2e%2e/%2e%2e/patrons").then().statusCode(400)
                .body("code", equalTo("INVALID_PATH"));
    }

    @Test
    void shouldAnswerMeWithMarkedGapsWhenLoanServiceIsDown() {
        given().auth().oauth2(Tokens.patron("3201140000999")).when().get("/api/v1/me").then().statusCode(200)
                .body("cardNumber", equalTo("3201140000999")).body("complete", equalTo(false))
                .body("profile", equalTo(null)).body("loans", equalTo(null))
                .body("gaps.part", hasItems("profile", "loans", "holds"))
                .body("gaps.find { it.part == 'loans' }.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("deliveries.uri", equalTo("/delivery-orders?size=20"));
        given().auth().oauth2(Tokens.librarian("YHT")).when().get("/api/v1/me").then().statusCode(403);
    }

    @Test
    void shouldStopCallingAFailingServiceForAWhile() {
        String detail = null;
        for (int i = 0; i < 30; i++) {
            detail = given().when().get("/api/v1/loans/x").then().statusCode(503)
                    .body("code", equalTo("UPSTREAM_UNAVAILABLE")).extract().path("detail");
        }
        assertTrue(detail.contains("paused"), "the circuit breaker opened: " + detail);
    }
}
