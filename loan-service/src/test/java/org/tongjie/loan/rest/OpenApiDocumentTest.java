package org.tongjie.loan.rest;

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
}
