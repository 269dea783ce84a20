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

    @Test
    void shouldLetAReaderSignUpOnceWithTheirResidentIdAndSetTheirTypeByAge() {
        Network network = new Network(bootstrapServers, dataSource);
        String library = network.library("YHT", null);
        String child = residentId("320114" + (java.time.LocalDate.now().getYear() - 8) + "0307" + "002");
        String adult = residentId("32011419900101123");
        String key = java.util.UUID.randomUUID().toString();
        var first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(signUp(child, library))
                .when().post("/patron-registrations").then().statusCode(201).body("patronType", equalTo("CHILD"))
                .body("registeredBy", equalTo("SELF")).body("residentIdMasked", equalTo(child.substring(0, 4)
                        + "**********" + child.substring(14))).extract();
        String card = first.path("cardNumber");
        org.junit.jupiter.api.Assertions.assertTrue(card.matches("E\\d{11}"), card);
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(signUp(child, library)).when()
                .post("/patron-registrations").then().statusCode(201).body("cardNumber", equalTo(card));
        given().contentType(ContentType.JSON).body(signUp(child, library)).when().post("/patron-registrations")
                .then().statusCode(409).body("code", equalTo("RESIDENT_ID_REGISTERED"));
        verify(card, "246813").statusCode(200).body("cardNumber", equalTo(card));

        given().contentType(ContentType.JSON).body(signUp(adult, "NOWHERE")).when().post("/patron-registrations")
                .then().statusCode(422).body("code", equalTo("LIBRARY_UNKNOWN")).body("field", equalTo("homeLibrary"));
        String wrongCheck = adult.substring(0, 17) + (adult.charAt(17) == '0' ? "1" : "0");
        given().contentType(ContentType.JSON).body(signUp(wrongCheck, library)).when().post("/patron-registrations")
                .then().statusCode(422).body("code", equalTo("INVALID_RESIDENT_ID"));
        given().contentType(ContentType.JSON).body(signUp(residentId("32011420991301000"), library)).when()
                .post("/patron-registrations").then().statusCode(422).body("code", equalTo("INVALID_RESIDENT_ID"));
        Map<String, Object> noPhone = new java.util.HashMap<>(signUp(adult, library));
        noPhone.put("phone", "12345");
        given().contentType(ContentType.JSON).body(noPhone).when().post("/patron-registrations").then()
                .statusCode(422).body("field", equalTo("phone"));
        given().contentType(ContentType.JSON).body(signUp(adult, library)).when().post("/patron-registrations")
                .then().statusCode(201).body("patronType", equalTo("ADULT"));
    }

    private static Map<String, Object> signUp(String residentId, String library) {
        return Map.of("name", "赵敏", "homeLibrary", library, "pin", "246813", "residentId", residentId,
                "phone", "13912345678");
    }

    /** Completes 17 digits with their GB 11643 check character. */
    private static String residentId(String seventeen) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (seventeen.charAt(i) - '0') * weights[i];
        }
        return seventeen + "10X98765432".charAt(sum % 11);
    }
}
