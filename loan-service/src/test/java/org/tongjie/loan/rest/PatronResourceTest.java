package org.tongjie.loan.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.Tokens;
import org.tongjie.loan.fixtures.Network;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class PatronResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldCheckTheResidentIdAndNeverShowItInFull() {
        String library = new Network(bootstrapServers, dataSource).library("YHT", null);
        Map<String, Object> patron = new HashMap<>(Map.of("cardNumber", "R" + System.nanoTime(), "name", "王芳",
                "patronType", "SENIOR", "homeLibrary", library, "pin", "654321", "residentId", "11010519491231002Y"));
        register(library, patron).statusCode(422).body("field", equalTo("residentId"));
        patron.put("residentId", "110105194912310021");
        register(library, patron).statusCode(422).body("code", equalTo("INVALID_RESIDENT_ID"));
        patron.put("residentId", "11010519491231002x");
        String body = register(library, patron).statusCode(201).body("residentIdMasked", equalTo("1101**********002X"))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(body.contains("19491231"), body);
        patron.put("cardNumber", "R" + System.nanoTime());
        register(library, patron).statusCode(409).body("code", equalTo("RESIDENT_ID_REGISTERED"));
        given().auth().oauth2(Tokens.librarian(library)).when().get("/patrons/" + patron.get("cardNumber")).then()
                .statusCode(404);
    }

    @Test
    void shouldLockTheCardAfterFiveWrongPinsWithoutSayingWhichPartWasWrong() {
        Network network = new Network(bootstrapServers, dataSource);
        String library = network.library("YHT", null);
        String card = network.patron(library, "ADULT");
        verify(card, "123456").statusCode(200).body("cardNumber", equalTo(card)).body(not(containsString("pin")));
        String wrongPin = verify(card, "000000").statusCode(401).extract().path("detail");
        String wrongCard = verify("NOBODY" + card, "123456").statusCode(401).extract().path("detail");
        org.junit.jupiter.api.Assertions.assertEquals(wrongCard, wrongPin);
        for (int i = 0; i < 3; i++) {
            verify(card, "000000").statusCode(401);
        }
        verify(card, "000000").statusCode(423).body("code", equalTo("CARD_LOCKED"));
        verify(card, "123456").statusCode(423);
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library))
                .body(Map.of("cardNumber", card, "pin", "123456")).when().post("/patron-authentications").then()
                .statusCode(403);
    }

    @Test
    void shouldShowAReaderOnlyTheirOwnAccount() {
        Network network = new Network(bootstrapServers, dataSource);
        String library = network.library("YHT", null);
        String mine = network.patron(library, "ADULT");
        String theirs = network.patron(library, "ADULT");
        given().auth().oauth2(Tokens.patron(mine)).when().get("/patrons/" + mine).then().statusCode(200);
        given().auth().oauth2(Tokens.patron(mine)).when().get("/patrons/" + theirs).then().statusCode(404);
        given().auth().oauth2(Tokens.patron(mine)).when().get("/patrons/" + theirs + "/loans").then().statusCode(404);
        given().auth().oauth2(Tokens.patron(mine)).when().get("/patrons/" + mine + "/loans").then().statusCode(200)
                .body("total", equalTo(0));
        java.util.UUID record = java.util.UUID.randomUUID();
        String copy = network.copy(library, "STANDARD", record);
        org.tongjie.loan.fixtures.Desk.checkOut(library, mine, copy).statusCode(201);
        given().auth().oauth2(Tokens.patron(mine)).when().get("/patrons/" + mine + "/loans?status=OPEN").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].title", equalTo("活着"))
                .body("items[0].recordId", equalTo(record.toString())).body("items[0].barcode", equalTo(copy));
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian("ELSEWHERE"))
                .body(Map.of("cardNumber", "X" + System.nanoTime(), "name", "张三", "patronType", "ADULT",
                        "homeLibrary", library, "pin", "123456")).when().post("/patrons").then().statusCode(403);
    }

    private static io.restassured.response.ValidatableResponse register(String library, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library)).body(body).when()
                .post("/patrons").then();
    }

    private static io.restassured.response.ValidatableResponse verify(String card, String pin) {
        return given().contentType(ContentType.JSON).auth().oauth2(Tokens.system("GATEWAY"))
                .body(Map.of("cardNumber", card, "pin", pin)).when().post("/patron-authentications").then();
    }
}
