package org.tongjie.loan.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.Tokens;
import org.tongjie.loan.fixtures.Network;
import org.tongjie.loan.fixtures.TestClock;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.tongjie.loan.fixtures.Desk.checkIn;
import static org.tongjie.loan.fixtures.Desk.checkOut;
import static org.tongjie.loan.fixtures.Desk.renew;

/** A library may block readers who keep too many overdue items, until they bring some back. */
@QuarkusTest
class PatronBlocksTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldBlockBorrowingRenewingAndHoldsAtTheOverdueItemLimitUntilAReturn() {
        Network network = new Network(bootstrapServers, dataSource);
        String library = network.library("SZL", null);
        Map<String, Object> policy = new HashMap<>(Map.of("libraryCode", library, "loanDays", 7,
                "renewalsAllowed", 1, "renewalDays", 7, "maxLoans", 20, "maxHolds", 5, "finePerDayFen", 0,
                "fineCapFen", 0, "graceDays", 0, "holdShelfDays", 7));
        policy.put("blockAtFineFen", 0);
        policy.put("blockAtOverdueItems", 2);
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.admin(library)).body(policy)
                .when().post("/loan-policies").then().statusCode(201).body("terms.blockAtOverdueItems", equalTo(2));
        String reader = network.patron(library, "ADULT");
        String first = network.copy(library, "STANDARD");
        String second = network.copy(library, "STANDARD");
        String third = network.copy(library, "STANDARD");
        UUID wanted = UUID.randomUUID();
        network.copy(library, "STANDARD", wanted);
        checkOut(library, reader, first).statusCode(201);
        checkOut(library, reader, second).statusCode(201);

        clock.advance(Duration.ofDays(9));
        checkOut(library, reader, third).statusCode(422).body("code", equalTo("PATRON_BLOCKED"))
                .body("detail", containsString("2 overdue items"));
        renew(Tokens.patron(reader), first).statusCode(422).body("code", equalTo("PATRON_BLOCKED"));
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.patron(reader))
                .body(Map.of("recordId", wanted, "pickupServicePointCode", library + "-DESK"))
                .when().post("/holds").then().statusCode(422).body("code", equalTo("PATRON_BLOCKED"));
        given().auth().oauth2(Tokens.patron(reader)).when().get("/patrons/" + reader).then().statusCode(200)
                .body("blocks[0]", containsString("2 overdue items"));

        checkIn(library, first);
        given().auth().oauth2(Tokens.patron(reader)).when().get("/patrons/" + reader).then().statusCode(200)
                .body("blocks.size()", equalTo(0));
        checkOut(library, reader, third).statusCode(201);
    }
}
