package org.tongjie.loan.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.Tokens;
import org.tongjie.loan.fixtures.Network;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class LoanPolicyResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldLendOnTheRulesAnAdministratorSetsForTheLibrary() {
        Network network = new Network(bootstrapServers, dataSource);
        String library = network.library("SZL", null);
        Map<String, Object> shenzhenLike = new HashMap<>(Map.of("libraryCode", library, "loanDays", 31,
                "renewalsAllowed", 1, "renewalDays", 31, "maxLoans", 20, "maxHolds", 5, "finePerDayFen", 30,
                "fineCapFen", 1000, "graceDays", 0, "holdShelfDays", 7));
        shenzhenLike.put("blockAtFineFen", 1000);
        add(Tokens.admin("ELSEWHERE"), shenzhenLike).statusCode(403);
        add(Tokens.librarian(library), shenzhenLike).statusCode(403);
        add(Tokens.admin(library), shenzhenLike).statusCode(201).body("terms.loanDays", equalTo(31));
        add(Tokens.admin(library), shenzhenLike).statusCode(409).body("code", equalTo("POLICY_EXISTS"));
        shenzhenLike.put("loanDays", 9999);
        add(Tokens.admin(library), shenzhenLike).statusCode(422).body("field", equalTo("loanDays"));

        String reader = network.patron(library, "ADULT");
        String copy = network.copy(library, "STANDARD");
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library))
                .body(Map.of("cardNumber", reader, "barcode", copy, "servicePointCode", library + "-DESK"))
                .when().post("/circulation/check-outs").then().statusCode(201)
                .body("dueAt", startsWith(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(31).toString()));
        given().auth().oauth2(Tokens.librarian(library)).queryParam("library", library).when().get("/loan-policies")
                .then().statusCode(200).body("[0].terms.finePerDayFen", equalTo(30));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("cache_gets_total{cache=\"reference.loan-policies\""))
                .body(containsString("cache_gets_total{cache=\"reference.service-points\""));
    }

    @Test
    void shouldMoveADueDateOnClosedDaysToTheNextOpenDay() {
        Network network = new Network(bootstrapServers, dataSource);
        String library = network.library("JHL", null);
        LocalDate due = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30);
        String reader = network.patron(library, "ADULT");
        String before = network.copy(library, "STANDARD");
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library))
                .body(Map.of("cardNumber", reader, "barcode", before, "servicePointCode", library + "-DESK"))
                .when().post("/circulation/check-outs").then().statusCode(201)
                .body("dueAt", startsWith(due.toString()));
        Map<String, Object> closure = Map.of("libraryCode", library, "days", java.util.List.of(due.toString(),
                due.plusDays(1).toString()));
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library)).body(closure)
                .when().post("/closed-days").then().statusCode(403);
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.admin(library)).body(closure)
                .when().post("/closed-days").then().statusCode(204);
        given().queryParam("library", library).queryParam("from", due.toString())
                .queryParam("to", due.plusDays(5).toString()).when().get("/closed-days").then()
                .body("size()", equalTo(2));

        String copy = network.copy(library, "STANDARD");
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library))
                .body(Map.of("cardNumber", reader, "barcode", copy, "servicePointCode", library + "-DESK"))
                .when().post("/circulation/check-outs").then().statusCode(201)
                .body("dueAt", startsWith(due.plusDays(2).toString()));
    }

    private static io.restassured.response.ValidatableResponse add(String token, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).auth().oauth2(token).body(body).when().post("/loan-policies")
                .then();
    }
}
