package org.tongjie.gateway.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.Tokens;
import org.tongjie.platform.security.SecretHashing;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class TokenResourceTest {

    @Inject
    EntityManager em;

    @Inject
    JWTParser parser;

    @Test
    void shouldIssueAVerifiableTokenToTheBootstrapAdministrator() throws Exception {
        String token = staffToken("root", "test-root-password");
        JsonWebToken jwt = parser.parse(token);
        assertEquals("root", jwt.getSubject());
        assertTrue(jwt.getGroups().contains("ADMIN"));
        assertTrue(jwt.getExpirationTime() - jwt.getIssuedAtTime() <= 900);
    }

    @Test
    void shouldRefuseAWrongPasswordWithoutSayingWhichPartWasWrong() {
        String unknownUser = refusal("nobody-" + UUID.randomUUID(), "whatever-password");
        String wrongPassword = refusal("root", "not-the-password");
        assertEquals(unknownUser, wrongPassword);
    }

    @Test
    void shouldLetAnAdministratorCreateAClientThatActsForItsLibrary() throws Exception {
        String admin = staffToken("root", "test-root-password");
        String clientId = "yht-ils-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = given().contentType(ContentType.JSON).auth().oauth2(admin)
                .body(Map.of("clientId", clientId, "displayName", "雨花台区图书馆 ILS", "libraryCode", "YHT"))
                .when().post("/api/v1/clients").then().statusCode(201).extract().path("clientSecret");

        String token = given().formParams(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret)).when().post("/api/v1/auth/token").then().statusCode(200)
                .body("token_type", equalTo("Bearer")).extract().path("access_token");
        JsonWebToken jwt = parser.parse(token);
        assertTrue(jwt.getGroups().contains("SYSTEM"));
        assertEquals("YHT", jwt.getClaim("library"));

        given().formParams(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret + "x")).when().post("/api/v1/auth/token").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("INVALID_CLIENT"));

        // Stored as a fast digest (the secret is 256 random bits); a secret stored by bcrypt before still works.
        assertTrue(storedSecretHash(clientId).startsWith("sha256:"));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE machine_client SET secret_hash = ?1 WHERE client_id = ?2")
                .setParameter(1, SecretHashing.hash(secret)).setParameter(2, clientId)
                .executeUpdate());
        clientToken(clientId, secret).statusCode(200);
        clientToken(clientId, secret + "x").statusCode(401);
    }

    private String storedSecretHash(String clientId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT secret_hash FROM machine_client WHERE client_id = ?1").setParameter(1, clientId)
                .getSingleResult());
    }

    @Test
    void shouldGiveABookstoresClientTokensThatReachOnlyItsOwnPurchases() throws Exception {
        String admin = staffToken("root", "test-root-password");
        String bookstore = "JHL-XH-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String clientId = bookstore.toLowerCase();
        String secret = given().contentType(ContentType.JSON).auth().oauth2(admin)
                .body(Map.of("clientId", clientId, "displayName", "金湖县新华书店", "libraryCode", "JHL",
                        "bookstoreCode", bookstore))
                .when().post("/api/v1/clients").then().statusCode(201).body("bookstoreCode", equalTo(bookstore))
                .extract().path("clientSecret");
        given().contentType(ContentType.JSON).auth().oauth2(admin)
                .body(Map.of("clientId", clientId + "-2", "displayName", "again", "libraryCode", "JHL",
                        "bookstoreCode", bookstore))
                .when().post("/api/v1/clients").then().statusCode(409).body("code", equalTo("BOOKSTORE_HAS_CLIENT"));

        String token = given().formParams(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret)).when().post("/api/v1/auth/token").then().statusCode(200)
                .extract().path("access_token");
        JsonWebToken jwt = parser.parse(token);
        assertEquals(bookstore, jwt.getClaim("bookstore"));
        assertEquals("JHL", jwt.getClaim("library"));
        assertTrue(jwt.getGroups().contains("SYSTEM"));

        for (String path : List.of("/api/v1/patrons/E00000000001", "/api/v1/bookstores/OTHER-XH/purchases/R1",
                "/api/v1/bookstores/" + bookstore + "X", "/api/v1/copies/C1")) {
            given().auth().oauth2(token).when().get(path).then().statusCode(403)
                    .contentType("application/problem+json").body("code", equalTo("BOOKSTORE_SCOPE_VIOLATION"));
        }
    }

    @Test
    void shouldKeepALibraryAdministratorToTheirOwnLibrary() {
        String root = staffToken("root", "test-root-password");
        String username = "admin-" + UUID.randomUUID().toString().substring(0, 6);
        given().contentType(ContentType.JSON).auth().oauth2(root).body(Map.of("username", username,
                "password", "a long enough password", "displayName", "馆长", "role", "ADMIN", "libraryCode", "YHT"))
                .when().post("/api/v1/staff-accounts").then().statusCode(201).body("libraryCode", equalTo("YHT"));
        String yhtAdmin = staffToken(username, "a long enough password");

        given().contentType(ContentType.JSON).auth().oauth2(yhtAdmin).body(Map.of("clientId", "elsewhere-"
                + username, "displayName", "other", "libraryCode", "JLL")).when().post("/api/v1/clients").then()
                .statusCode(403).body("code", equalTo("LIBRARY_SCOPE_VIOLATION"));
        given().contentType(ContentType.JSON).auth().oauth2(yhtAdmin).body(Map.of("username", "op-" + username,
                "password", "a long enough password", "displayName", "运维", "role", "OPERATOR")).when()
                .post("/api/v1/staff-accounts").then().statusCode(403).body("code", equalTo("NETWORK_ADMIN_REQUIRED"));
    }

    @Test
    void shouldNameTheMissingFieldAndTheUnsupportedGrant() {
        given().formParams(Map.of("grant_type", "password", "username", "root")).when().post("/api/v1/auth/token")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST")).body("field", equalTo("password"));
        given().formParams(Map.of("grant_type", "implicit")).when().post("/api/v1/auth/token").then()
                .statusCode(400).body("code", equalTo("UNSUPPORTED_GRANT_TYPE")).body("field", equalTo("grant_type"));
    }

    @Test
    void shouldAnswerServiceUnavailableForReadersWhileLoanServiceIsDown() {
        given().formParams(Map.of("grant_type", "password", "scope", "patron", "username", "3201140000001",
                "password", "123456")).when().post("/api/v1/auth/token").then().statusCode(503)
                .contentType("application/problem+json").body("code", equalTo("UPSTREAM_UNAVAILABLE"));
    }

    @Test
    void shouldRefreshOnceAndRevokeTheWholeSessionWhenARefreshTokenIsReused() {
        String first = given().formParams(Map.of("grant_type", "password", "username", "root", "password",
                "test-root-password")).when().post("/api/v1/auth/token").then().statusCode(200)
                .body("refresh_expires_in", equalTo(43200)).extract().path("refresh_token");
        var refreshed = given().formParams(Map.of("grant_type", "refresh_token", "refresh_token", first)).when()
                .post("/api/v1/auth/token").then().statusCode(200).extract();
        String second = refreshed.path("refresh_token");
        assertTrue(!second.equals(first));
        given().auth().oauth2(refreshed.<String>path("access_token")).contentType(ContentType.JSON)
                .body(Map.of()).when().post("/api/v1/clients").then().statusCode(422);

        refresh(first).statusCode(400).body("code", equalTo("INVALID_GRANT"));
        refresh(second).statusCode(400).body("code", equalTo("INVALID_GRANT"));
        refresh("made-up-token").statusCode(400).body("code", equalTo("INVALID_GRANT"));
    }

    @Test
    void shouldEndASessionOnRevocation() {
        String token = given().formParams(Map.of("grant_type", "password", "username", "root", "password",
                "test-root-password")).when().post("/api/v1/auth/token").then().extract().path("refresh_token");
        given().formParams(Map.of("token", token)).when().post("/api/v1/auth/token/revocation").then()
                .statusCode(204);
        given().formParams(Map.of("token", "never-issued")).when().post("/api/v1/auth/token/revocation").then()
                .statusCode(204);
        refresh(token).statusCode(400).body("code", equalTo("INVALID_GRANT"));
    }

    @Test
    void shouldLockAStaffAccountAfterFiveWrongPasswordsUntilAnAdministratorResetsIt() {
        String root = staffToken("root", "test-root-password");
        String username = "desk-" + UUID.randomUUID().toString().substring(0, 6);
        given().contentType(ContentType.JSON).auth().oauth2(root).body(Map.of("username", username,
                "password", "the first password", "displayName", "前台", "role", "LIBRARIAN", "libraryCode", "YHT"))
                .when().post("/api/v1/staff-accounts").then().statusCode(201);
        String session = given().formParams(Map.of("grant_type", "password", "username", username, "password",
                "the first password")).when().post("/api/v1/auth/token").then().statusCode(200)
                .extract().path("refresh_token");
        for (int i = 0; i < 4; i++) {
            refusal(username, "a wrong password");
        }
        given().formParams(Map.of("grant_type", "password", "username", username, "password", "a wrong password"))
                .when().post("/api/v1/auth/token").then().statusCode(400).body("code", equalTo("ACCOUNT_LOCKED"));
        given().formParams(Map.of("grant_type", "password", "username", username, "password", "the first password"))
                .when().post("/api/v1/auth/token").then().statusCode(400).body("code", equalTo("ACCOUNT_LOCKED"));

        given().contentType(ContentType.JSON).auth().oauth2(Tokens.admin("JLL"))
                .body(Map.of("password", "a second password")).when()
                .put("/api/v1/staff-accounts/" + username + "/password").then().statusCode(403);
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.admin("YHT"))
                .body(Map.of("password", "short")).when()
                .put("/api/v1/staff-accounts/" + username + "/password").then().statusCode(422)
                .body("field", equalTo("password"));
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.admin("YHT"))
                .body(Map.of("password", "a second password")).when()
                .put("/api/v1/staff-accounts/" + username + "/password").then().statusCode(200);
        staffToken(username, "a second password");
        refresh(session).statusCode(400).body("code", equalTo("INVALID_GRANT"));
    }

    @Test
    void shouldStopTheOldSecretAtOnceWhenAClientsSecretIsRotated() {
        String admin = Tokens.admin("YHT");
        String clientId = "rot-" + UUID.randomUUID().toString().substring(0, 6);
        String old = given().contentType(ContentType.JSON).auth().oauth2(admin)
                .body(Map.of("clientId", clientId, "displayName", "区馆系统", "libraryCode", "YHT"))
                .when().post("/api/v1/clients").then().statusCode(201).extract().path("clientSecret");
        given().auth().oauth2(Tokens.admin("JLL")).when().post("/api/v1/clients/" + clientId + "/secret-rotations")
                .then().statusCode(403);
        String fresh = given().auth().oauth2(admin).when().post("/api/v1/clients/" + clientId + "/secret-rotations")
                .then().statusCode(200).extract().path("clientSecret");
        clientToken(clientId, old).statusCode(401).body("code", equalTo("INVALID_CLIENT"));
        clientToken(clientId, fresh).statusCode(200).body("refresh_token", equalTo(null));
    }

    private static io.restassured.response.ValidatableResponse refresh(String token) {
        return given().formParams(Map.of("grant_type", "refresh_token", "refresh_token", token)).when()
                .post("/api/v1/auth/token").then();
    }

    private static io.restassured.response.ValidatableResponse clientToken(String clientId, String secret) {
        return given().formParams(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret)).when().post("/api/v1/auth/token").then();
    }

    private static String staffToken(String username, String password) {
        return given().formParams(Map.of("grant_type", "password", "username", username, "password", password))
                .when().post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
    }

    private static String refusal(String username, String password) {
        return given().formParams(Map.of("grant_type", "password", "username", username, "password", password))
                .when().post("/api/v1/auth/token").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_GRANT")).extract().path("detail");
    }
}
