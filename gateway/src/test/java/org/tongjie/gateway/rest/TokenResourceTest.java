package org.tongjie.gateway.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class TokenResourceTest {

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
