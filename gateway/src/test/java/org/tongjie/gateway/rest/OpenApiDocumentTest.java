package org.tongjie.gateway.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.OpenApiDocument;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void shouldDocumentEveryEndpointWithASummaryAndEveryErrorAsAProblem() {
        Map<String, Object> document = given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200).extract().jsonPath().getMap("");
        assertEquals(List.of(), OpenApiDocument.gaps(document));
    }

    @Test
    void shouldDocumentTheReadersOwnPathsAndTheTokenGrants() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/me'.get.summary", org.hamcrest.Matchers.equalTo("My account"))
                .body("paths.'/api/v1/me/holds'.post.description", org.hamcrest.Matchers.containsString("POST /holds"))
                .body("paths.'/api/v1/auth/token/revocation'.post.summary", org.hamcrest.Matchers.notNullValue());
    }
}
