package org.tongjie.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.tongjie.catalog.fixtures.CatalogApi;
import org.tongjie.catalog.fixtures.Libraries;
import org.tongjie.deploy.testinfra.Tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class RecordLookupTest {

    @Test
    void shouldAnswerSeveralRecordsInTheOrderAskedAndLeaveOutUnknownOnes() {
        String library = Libraries.unique("LKP");
        CatalogApi.cityWithDesk(library, library + "-DESK");
        String teahouse = CatalogApi.record(Tokens.librarian(library), Map.of("title", "茶馆"));
        String thunder = CatalogApi.record(Tokens.librarian(library), Map.of("title", "雷雨"));

        given().queryParam("id", thunder, UUID.randomUUID().toString(), teahouse, thunder).when()
                .get("/records/lookup").then().statusCode(200).body("title", contains("雷雨", "茶馆"))
                .body("id", contains(thunder, teahouse));
    }

    @Test
    void shouldRefuseNoIdsTooManyIdsAndIdsThatAreNotUuids() {
        given().when().get("/records/lookup").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(UUID.randomUUID().toString());
        }
        given().queryParam("id", many).when().get("/records/lookup").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        given().queryParam("id", "../../etc/passwd").when().get("/records/lookup").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
