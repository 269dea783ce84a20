package org.tongjie.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.tongjie.catalog.fixtures.Libraries;
import org.tongjie.deploy.testinfra.Tokens;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.tongjie.catalog.fixtures.CatalogApi.post;

@QuarkusTest
class LibraryResourceTest {

    @Test
    void shouldRegisterACityWithADistrictBranchAndListTheBranches() {
        String city = Libraries.unique("JLL");
        String district = Libraries.unique("YHT");
        post(Tokens.networkAdmin(), "/libraries", Libraries.jinling(city)).statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/libraries/" + city))
                .body("level", equalTo("CITY"));
        post(Tokens.networkAdmin(), "/libraries", Libraries.yuhuatai(district, city)).statusCode(201);

        given().queryParam("parent", city).when().get("/libraries").then().statusCode(200)
                .body("items.code", hasItem(district)).body("total", equalTo(1));
        given().when().get("/libraries/" + district).then().statusCode(200)
                .body("name", equalTo("雨花台区图书馆")).body("parentCode", equalTo(city));
    }

    @Test
    void shouldListEverythingBelowALibraryWhenAskedForDescendants() {
        String city = Libraries.unique("JLL");
        String district = Libraries.unique("YHT");
        String village = Libraries.unique("VIL");
        post(Tokens.networkAdmin(), "/libraries", Libraries.jinling(city)).statusCode(201);
        post(Tokens.networkAdmin(), "/libraries", Libraries.yuhuatai(district, city)).statusCode(201);
        post(Tokens.networkAdmin(), "/libraries", Map.of("code", village, "name", "村书屋", "level", "VILLAGE",
                "parentCode", district, "regionCode", "320114001")).statusCode(201);
        post(Tokens.networkAdmin(), "/libraries/" + village + "/service-points",
                Map.of("code", village + "-BH", "name", "农家书屋", "type", "VILLAGE_BOOK_HOUSE")).statusCode(201);
        post(Tokens.networkAdmin(), "/libraries/" + city + "/service-points", Libraries.desk(city + "-D", "总台"))
                .statusCode(201);

        given().queryParam("parent", city).when().get("/libraries").then().body("items.code",
                org.hamcrest.Matchers.contains(district));
        given().queryParam("parent", city).queryParam("descendants", true).when().get("/libraries").then()
                .body("items.code", org.hamcrest.Matchers.containsInAnyOrder(district, village));
        given().when().get("/libraries/" + city + "/service-points").then().body("code",
                org.hamcrest.Matchers.contains(city + "-D"));
        given().queryParam("descendants", true).when().get("/libraries/" + city + "/service-points").then()
                .body("code", org.hamcrest.Matchers.containsInAnyOrder(city + "-D", village + "-BH"));
    }

    @Test
    void shouldRefuseABranchThatIsNotBelowItsParent() {
        String district = Libraries.unique("YHT");
        String city = Libraries.unique("JLL");
        post(Tokens.networkAdmin(), "/libraries", Map.of("code", district, "name", "区馆", "level", "DISTRICT",
                "regionCode", "320114")).statusCode(201);
        post(Tokens.networkAdmin(), "/libraries", Map.of("code", city, "name", "市馆", "level", "CITY",
                "parentCode", district, "regionCode", "320100"))
                .statusCode(422).body("code", equalTo("LIBRARY_LEVEL_NOT_BELOW_PARENT")).body("field", equalTo("level"));
        given().when().get("/libraries/" + city).then().statusCode(404).body("code", equalTo("LIBRARY_NOT_FOUND"));
    }

    @Test
    void shouldLetOnlyAdministratorsRegisterLibraries() {
        String code = Libraries.unique("NJL");
        post(null, "/libraries", Libraries.jinling(code)).statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"));
        post(Tokens.librarian("JLL"), "/libraries", Libraries.jinling(code)).statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        given().when().get("/libraries/" + code).then().statusCode(404);
    }

    @Test
    void shouldAnswerMalformedJsonWithAProblemAndWriteNothing() {
        String code = Libraries.unique("BAD");
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.networkAdmin())
                .body("{\"code\": \"" + code + "\", \"name\": ").when().post("/libraries").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("MALFORMED_JSON"))
                .body("status", equalTo(400));
        given().when().get("/libraries/" + code).then().statusCode(404);
    }

    @Test
    void shouldNameEveryMissingFieldAndWriteNothing() {
        String code = Libraries.unique("BAD");
        post(Tokens.networkAdmin(), "/libraries", Map.of("code", code)).statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("level", "name", "regionCode"));
        given().when().get("/libraries/" + code).then().statusCode(404);
    }

    @Test
    void shouldNameTheFieldOfTheWrongTypeAndWriteNothing() {
        String code = Libraries.unique("BAD");
        post(Tokens.networkAdmin(), "/libraries", Map.of("code", code, "name", "馆", "level", "METROPOLIS",
                "regionCode", "320100")).statusCode(400).body("code", equalTo("INVALID_FIELD"))
                .body("field", equalTo("level"));
        post(Tokens.networkAdmin(), "/libraries", Map.of("code", code, "name", "馆", "level", "CITY",
                "regionCode", "320100", "latitude", "north")).statusCode(400).body("field", equalTo("latitude"));
        given().when().get("/libraries/" + code).then().statusCode(404);
    }

    @Test
    void shouldBoundThePageSize() {
        given().queryParam("size", 100000).when().get("/libraries").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("field", equalTo("size"));
    }
}
