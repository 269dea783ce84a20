package org.tongjie.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.tongjie.catalog.fixtures.CatalogApi;
import org.tongjie.catalog.fixtures.Libraries;
import org.tongjie.deploy.testinfra.Tokens;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.tongjie.catalog.fixtures.CatalogApi.post;

@QuarkusTest
class CollectionResourceTest {

    @Test
    void shouldGatherRecordsOfSeveralLibrariesIntoACitysTheme() {
        String city = Libraries.unique("JLL");
        String district = Libraries.unique("YHT");
        CatalogApi.cityWithDesk(city, city + "-DESK");
        post(Tokens.networkAdmin(), "/libraries", Libraries.yuhuatai(district, city)).statusCode(201);
        String cityRecord = CatalogApi.record(Tokens.librarian(city), Map.of("title", "南京传"));
        String districtRecord = CatalogApi.record(Tokens.librarian(district), Map.of("title", "雨花石"));

        String id = post(Tokens.librarian(city), "/collections", Map.of("title", "金陵文脉")).statusCode(201)
                .body("libraryCode", equalTo(city)).extract().path("id");
        post(Tokens.librarian(city), "/collections/" + id + "/records", Map.of("recordId", cityRecord)).statusCode(201);
        post(Tokens.librarian(city), "/collections/" + id + "/records", Map.of("recordId", districtRecord,
                "note", "区馆藏")).statusCode(201);
        post(Tokens.librarian(city), "/collections/" + id + "/records", Map.of("recordId", cityRecord)).statusCode(200);
        post(Tokens.librarian(district), "/collections/" + id + "/records", Map.of("recordId", districtRecord))
                .statusCode(403);

        given().when().get("/collections/" + id + "/records").then().statusCode(200).body("total", equalTo(2))
                .body("items.title", contains("南京传", "雨花石")).body("items[1].note", equalTo("区馆藏"));
        given().queryParam("library", city).when().get("/collections").then().body("items.title", contains("金陵文脉"));

        given().auth().oauth2(Tokens.librarian(city)).when().delete("/collections/" + id + "/records/" + cityRecord)
                .then().statusCode(204);
        given().when().get("/collections/" + id + "/records").then().body("items.title", contains("雨花石"));
    }

    @Test
    void shouldRefuseUnknownRecordsAndCollections() {
        String city = Libraries.unique("JLL");
        CatalogApi.cityWithDesk(city, city + "-DESK");
        String id = post(Tokens.librarian(city), "/collections", Map.of("title", "主题")).statusCode(201)
                .extract().path("id");
        post(Tokens.librarian(city), "/collections/" + id + "/records", Map.of("recordId",
                java.util.UUID.randomUUID())).statusCode(422).body("code", equalTo("RECORD_UNKNOWN"));
        given().when().get("/collections/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("COLLECTION_NOT_FOUND"));
        given().queryParam("size", 10_000).when().get("/collections").then().statusCode(400);
    }
}
