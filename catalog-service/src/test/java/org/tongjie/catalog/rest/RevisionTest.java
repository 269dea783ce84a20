package org.tongjie.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tongjie.catalog.fixtures.CatalogApi;
import org.tongjie.catalog.fixtures.Libraries;
import org.tongjie.deploy.testinfra.TopicReader;
import org.tongjie.deploy.testinfra.Tokens;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class RevisionTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void shouldMoveACopyOnlyFromTheVersionThatWasRead() {
        String library = Libraries.unique("REV");
        CatalogApi.cityWithDesk(library, library + "-DESK");
        CatalogApi.post(Tokens.networkAdmin(), "/libraries/" + library + "/service-points",
                Libraries.desk(library + "-24H", "自助馆")).statusCode(201);
        String recordId = CatalogApi.record(Tokens.librarian(library), Map.of("title", "茶馆"));
        String barcode = "V" + System.nanoTime();
        CatalogApi.post(Tokens.librarian(library), "/copies", Map.of("barcode", barcode, "recordId", recordId,
                "homeServicePointCode", library + "-DESK")).statusCode(201);
        String etag = given().when().get("/copies/" + barcode).then().statusCode(200).extract().header("ETag");
        Map<String, Object> move = Map.of("recordId", recordId, "homeServicePointCode", library + "-24H",
                "callNumber", "I234/1");

        revise(barcode, library, null, move).statusCode(428).body("code", equalTo("PRECONDITION_REQUIRED"));
        String moved = revise(barcode, library, etag, move).statusCode(200)
                .body("homeServicePointCode", equalTo(library + "-24H")).extract().header("ETag");
        assertTrue(!moved.equals(etag), "the ETag changes with the copy");
        revise(barcode, library, etag, Map.of("recordId", recordId, "homeServicePointCode", library + "-DESK"))
                .statusCode(412).body("code", equalTo("PRECONDITION_FAILED"));
        given().when().get("/copies/" + barcode).then().body("homeServicePointCode", equalTo(library + "-24H"));

        try (TopicReader reader = new TopicReader(bootstrapServers, "catalog.copies")) {
            assertTrue(reader.readUntil(seen -> seen.stream().anyMatch(r -> r.value().contains("CopyUpdated")
                    && r.value().contains(barcode)), Duration.ofSeconds(20)).stream()
                    .anyMatch(r -> r.value().contains("CopyUpdated") && r.value().contains(barcode)));
        }
    }

    @Test
    void shouldKeepACopyWithinItsLibraryAndWithdrawItOnce() {
        String library = Libraries.unique("REV");
        String other = Libraries.unique("OTH");
        CatalogApi.cityWithDesk(library, library + "-DESK");
        CatalogApi.cityWithDesk(other, other + "-DESK");
        String recordId = CatalogApi.record(Tokens.librarian(library), Map.of("title", "雷雨"));
        String barcode = "V" + System.nanoTime();
        CatalogApi.post(Tokens.librarian(library), "/copies", Map.of("barcode", barcode, "recordId", recordId,
                "homeServicePointCode", library + "-DESK")).statusCode(201);
        String etag = given().when().get("/copies/" + barcode).then().extract().header("ETag");

        revise(barcode, library, etag, Map.of("recordId", recordId, "homeServicePointCode", other + "-DESK"))
                .statusCode(422).body("code", equalTo("SERVICE_POINT_OF_ANOTHER_LIBRARY"));
        given().auth().oauth2(Tokens.librarian(other)).when().delete("/copies/" + barcode).then().statusCode(403);
        given().auth().oauth2(Tokens.librarian(library)).when().delete("/copies/" + barcode).then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        String after = given().auth().oauth2(Tokens.librarian(library)).when().delete("/copies/" + barcode).then()
                .statusCode(200).extract().header("ETag");
        revise(barcode, library, after, Map.of("recordId", recordId, "homeServicePointCode", library + "-DESK"))
                .statusCode(409).body("code", equalTo("COPY_WITHDRAWN"));
        given().queryParam("q", "雷雨").queryParam("library", library).when().get("/records").then()
                .body("total", equalTo(0));
    }

    @Test
    void shouldLetOnlyTheCataloguingLibraryReviseARecordAndReindexIt() {
        String library = Libraries.unique("REV");
        CatalogApi.cityWithDesk(library, library + "-DESK");
        String recordId = CatalogApi.record(Tokens.librarian(library), Map.of("title", "日出"));
        CatalogApi.post(Tokens.librarian(library), "/copies", Map.of("barcode", "V" + System.nanoTime(),
                "recordId", recordId, "homeServicePointCode", library + "-DESK")).statusCode(201);
        String etag = given().when().get("/records/" + recordId).then().extract().header("ETag");

        given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian("SOMEONE-ELSE")).header("If-Match", etag)
                .body(Map.of("title", "原野")).when().put("/records/" + recordId).then().statusCode(403)
                .body("code", equalTo("RECORD_OF_ANOTHER_LIBRARY"));
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library)).header("If-Match", etag)
                .body(Map.of("title", "原野", "authors", java.util.List.of("曹禺"))).when().put("/records/" + recordId)
                .then().statusCode(200).body("title", equalTo("原野"));
        given().queryParam("q", "yuanye").queryParam("library", library).when().get("/records").then()
                .body("items[0].id", equalTo(recordId));
        given().queryParam("q", "日出").queryParam("library", library).when().get("/records").then()
                .body("total", equalTo(0));
    }

    private static io.restassured.response.ValidatableResponse revise(String barcode, String library, String etag,
            Map<String, Object> body) {
        var request = given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library)).body(body);
        if (etag != null) {
            request = request.header("If-Match", etag);
        }
        return request.when().put("/copies/" + barcode).then();
    }
}
