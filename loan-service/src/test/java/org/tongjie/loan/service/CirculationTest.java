package org.tongjie.loan.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.Tokens;
import org.tongjie.deploy.testinfra.TopicReader;
import org.tongjie.loan.fixtures.Network;
import org.tongjie.loan.fixtures.TestClock;


import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tongjie.loan.fixtures.Desk.checkIn;
import static org.tongjie.loan.fixtures.Desk.checkOut;
import static org.tongjie.loan.fixtures.Desk.copy;
import static org.tongjie.loan.fixtures.Desk.renew;

@QuarkusTest
class CirculationTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TestClock clock;

    private Network network;

    @BeforeEach
    void freshNetwork() {
        clock.reset();
        network = new Network(bootstrapServers, dataSource);
    }

    @Test
    void shouldLendHereAndSendTheCopyHomeWhenReturnedAtAnotherLibrary() {
        String city = network.library("JLL", null);
        String district = network.library("YHT", city);
        String copy = network.copy(district, "STANDARD");
        String reader = network.patron(district, "ADULT");

        String location = checkOut(district, reader, copy).statusCode(201).body("status", equalTo("OPEN"))
                .body("dueAt", startsWith(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30).toString()))
                .extract().header("Location");
        given().auth().oauth2(Tokens.patron(reader)).when().get(location).then().statusCode(200)
                .body("status", equalTo("OPEN"));
        given().auth().oauth2(Tokens.patron("SOMEONE-ELSE")).when().get(location).then().statusCode(404);
        copy(copy).body("status", equalTo("CHECKED_OUT"));

        checkIn(city, copy).statusCode(200).body("routing", equalTo("TRANSIT_HOME"))
                .body("status", equalTo("IN_TRANSIT")).body("destinationServicePointCode", equalTo(district + "-DESK"))
                .body("closedLoan.status", equalTo("CLOSED")).body("fineFen", equalTo(0));
        checkIn(city, copy).statusCode(200).body("routing", equalTo("TRANSIT_HOME")).body("closedLoan", nullValue());
        checkIn(district, copy).statusCode(200).body("routing", equalTo("SHELVE_HERE"))
                .body("status", equalTo("AVAILABLE"));
        copy(copy).body("currentServicePointCode", equalTo(district + "-DESK"));

        try (TopicReader reader2 = new TopicReader(bootstrapServers, "circulation.copies", "circulation.loans")) {
            var seen = reader2.readUntil(records -> records.stream().filter(r -> r.value().contains(copy)
                    || r.value().contains("LoanClosed")).count() >= 5, Duration.ofSeconds(20));
            assertTrue(seen.stream().anyMatch(r -> r.value().contains("TransferRequested") && r.value().contains(copy)));
            assertTrue(seen.stream().anyMatch(r -> r.value().contains("LoanOpened")));
            assertEquals(3, seen.stream().filter(r -> r.value().contains("CopyStatusChanged")
                    && r.value().contains(copy)).count(), "out, in transit, home: the repeated check-in publishes nothing");
        }
    }

    @Test
    void shouldLeaveEveryIndexOfTheCopiesAloneAtCheckOutAndCheckIn() throws Exception {
        String library = network.library("YHT", null);
        String other = network.library("JLL", null);
        String copy = network.copy(library, "STANDARD");
        String reader = network.patron(library, "ADULT");
        String row = "SELECT to_jsonb(c)::text FROM circulation_copy c WHERE barcode = '" + copy + "'";
        List<JsonNode> versions = new ArrayList<>();
        versions.add(JSON.readTree(network.text(row)));
        checkOut(library, reader, copy).statusCode(201);
        versions.add(JSON.readTree(network.text(row)));
        checkIn(other, copy).statusCode(200).body("routing", equalTo("TRANSIT_HOME"));
        versions.add(JSON.readTree(network.text(row)));
        checkIn(library, copy).statusCode(200).body("routing", equalTo("SHELVE_HERE"));
        versions.add(JSON.readTree(network.text(row)));

        Set<String> changed = new TreeSet<>();
        for (int v = 1; v < versions.size(); v++) {
            JsonNode before = versions.get(v - 1);
            JsonNode after = versions.get(v);
            before.fieldNames().forEachRemaining(column -> {
                if (!before.get(column).equals(after.get(column))) {
                    changed.add(column);
                }
            });
        }
        assertTrue(changed.containsAll(Set.of("status", "current_service_point_code")), changed.toString());
        String indexes = network.text("SELECT string_agg(pg_get_indexdef(indexrelid), '; ') FROM pg_index"
                + " WHERE indrelid = 'circulation_copy'::regclass");
        for (String column : changed) {
            assertFalse(indexes.matches("(?s).*\\b" + column + "\\b.*"), "an index holds " + column
                    + ", which circulation changes, so PostgreSQL cannot update the row in place: " + indexes);
        }
        assertTrue(network.text("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'circulation_copy'")
                .matches("fillfactor=[1-9][0-9]"), "pages keep room for the new row version");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldRefuseWithNamedCodesAndWriteNothing() {
        String library = network.library("YHT", null);
        String other = network.library("BHL", null);
        String reference = network.copy(library, "REFERENCE");
        String copy = network.copy(library, "STANDARD");
        String reader = network.patron(library, "ADULT");

        checkOut(library, reader, reference).statusCode(422).body("code", equalTo("COPY_NOT_LOANABLE"));
        checkOut(library, "NO-SUCH-CARD", copy).statusCode(422).body("code", equalTo("PATRON_NOT_FOUND"))
                .body("field", equalTo("cardNumber"));
        checkOut(library, reader, "NOPE0000").statusCode(422).body("code", equalTo("COPY_NOT_FOUND"));
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(other))
                .body(Map.of("cardNumber", reader, "barcode", copy, "servicePointCode", library + "-DESK"))
                .when().post("/circulation/check-outs").then().statusCode(403)
                .body("code", equalTo("LIBRARY_SCOPE_VIOLATION"));
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library)).body("{\"cardNumber\": 5")
                .when().post("/circulation/check-outs").then().statusCode(400);
        copy(copy).body("status", equalTo("AVAILABLE"));
        assertEquals(0, network.count("SELECT count(*) FROM loan l JOIN patron p ON p.id = l.patron_id"
                + " WHERE p.card_number = '" + reader + "'"));

        checkOut(library, reader, copy).statusCode(201);
        String second = network.patron(library, "ADULT");
        checkOut(library, second, copy).statusCode(409).body("code", equalTo("COPY_NOT_AVAILABLE"));
    }

    @Test
    void shouldRefuseAtOnceToLendAtADeskTheCatalogNoLongerLetsLend() {
        String library = network.library("NJL", null);
        String reader = network.patron(library, "ADULT");
        String first = network.copy(library, "STANDARD");
        String second = network.copy(library, "STANDARD");
        checkOut(library, reader, first).statusCode(201);

        network.stopLending(library);

        checkOut(library, reader, second).statusCode(422).body("code", equalTo("SERVICE_POINT_CANNOT_LEND"));
        checkIn(library, first).statusCode(200).body("closedLoan.barcode", equalTo(first));
    }

    @Test
    void shouldApplyTheLibrarysOwnLimitInheritedByItsBranches() {
        String city = network.library("JLL", null);
        String district = network.library("YHT", city);
        String reader = network.patron(district, "CHILD");
        String first = network.copy(district, "STANDARD");
        String second = network.copy(district, "STANDARD");
        String earlier = network.copy(district, "STANDARD");
        // A loan under the network default first, so that the city's policy added next replaces what was read.
        checkOut(district, reader, earlier).statusCode(201)
                .body("dueAt", startsWith(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30).toString()));
        checkIn(district, earlier).statusCode(200);
        Map<String, Object> children = new HashMap<>(Map.of("libraryCode", city, "patronType", "CHILD",
                "loanDays", 14, "renewalsAllowed", 0, "renewalDays", 0, "maxLoans", 1, "maxHolds", 1,
                "finePerDayFen", 10, "fineCapFen", 1000, "graceDays", 0));
        children.put("holdShelfDays", 7);
        children.put("blockAtFineFen", 1000);
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.admin(city)).body(children)
                .when().post("/loan-policies").then().statusCode(201);

        checkOut(district, reader, first).statusCode(201)
                .body("dueAt", startsWith(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(14).toString()));
        checkOut(district, reader, second).statusCode(422).body("code", equalTo("LOAN_LIMIT_REACHED"));
        renew(Tokens.patron(reader), first).statusCode(422).body("code", equalTo("RENEWAL_LIMIT_REACHED"));
        String adult = network.patron(district, "ADULT");
        checkOut(district, adult, second).statusCode(201);
    }

    @Test
    void shouldChargeACappedFineForALateReturnBlockTheReaderAndLiftTheBlockOnPayment() {
        String library = network.library("YHT", null);
        String reader = network.patron(library, "ADULT");
        String copy = network.copy(library, "STANDARD");
        checkOut(library, reader, copy).statusCode(201);

        clock.advance(Duration.ofDays(35));
        checkIn(library, copy).body("fineFen", equalTo(50)).body("closedLoan.fineFen", equalTo(50));
        checkOut(library, reader, copy).statusCode(201);
        clock.advance(Duration.ofDays(200));
        checkIn(library, copy).body("fineFen", equalTo(1000));

        checkOut(library, reader, copy).statusCode(422).body("code", equalTo("PATRON_BLOCKED"));
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library)).body(Map.of("amountFen", 600))
                .when().post("/patrons/" + reader + "/payments").then().statusCode(200)
                .body("fineBalanceFen", equalTo(450));
        checkOut(library, reader, copy).statusCode(201);
    }

    @Test
    void shouldAccrueFinesDailyWithoutChargingTwiceAndBlockOverTheThreshold() {
        String library = network.library("YHT", null);
        String reader = network.patron(library, "ADULT");
        String copy = network.copy(library, "STANDARD");
        String other = network.copy(library, "STANDARD");
        checkOut(library, reader, copy).statusCode(201);

        clock.advance(Duration.ofDays(40));
        overdueRun().body("newlyOverdue", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        balance(library, reader).body("fineBalanceFen", equalTo(100));
        overdueRun();
        balance(library, reader).body("fineBalanceFen", equalTo(100));

        clock.advance(Duration.ofDays(200));
        overdueRun();
        balance(library, reader).body("fineBalanceFen", equalTo(1000));
        checkOut(library, reader, other).statusCode(422).body("code", equalTo("PATRON_BLOCKED"));
        checkIn(library, copy).body("fineFen", equalTo(0)).body("closedLoan.fineFen", equalTo(1000));
        balance(library, reader).body("fineBalanceFen", equalTo(1000));
    }

    private static ValidatableResponse overdueRun() {
        return given().auth().oauth2(Tokens.operator()).when().post("/circulation/overdue-runs").then()
                .statusCode(200);
    }

    private static ValidatableResponse balance(String library, String reader) {
        return given().auth().oauth2(Tokens.librarian(library)).when().get("/patrons/" + reader).then()
                .statusCode(200);
    }

    @Test
    void shouldRenewOnceForThePatronWhoHasTheCopyOnly() {
        String library = network.library("YHT", null);
        String reader = network.patron(library, "ADULT");
        String stranger = network.patron(library, "ADULT");
        String copy = network.copy(library, "STANDARD");
        String due = checkOut(library, reader, copy).statusCode(201).extract().path("dueAt");

        renew(Tokens.patron(stranger), copy).statusCode(404);
        renew(Tokens.patron(reader), copy).statusCode(200).body("renewals", equalTo(1))
                .body("dueAt", startsWith(LocalDate.parse(due.substring(0, 10)).plusDays(30).toString()));
        renew(Tokens.librarian(library), copy).statusCode(422).body("code", equalTo("RENEWAL_LIMIT_REACHED"));
    }




}
