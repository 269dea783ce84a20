package org.tongjie.loan.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.Tokens;
import org.tongjie.loan.fixtures.Network;
import org.tongjie.loan.fixtures.TestClock;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.tongjie.loan.fixtures.Desk.checkIn;
import static org.tongjie.loan.fixtures.Desk.checkOut;
import static org.tongjie.loan.fixtures.Desk.copy;
import static org.tongjie.loan.fixtures.Desk.renew;

@QuarkusTest
class HoldsTest {

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
    void shouldPromiseTheNearestCopyAndKeepItOnThePickupShelfForTheHolderOnly() {
        String city = network.library("JLL", null);
        String district = network.library("YHT", city);
        String faraway = network.library("BHL", null);
        UUID record = UUID.randomUUID();
        String far = network.copy(faraway, "STANDARD", record);
        String near = network.copy(city, "STANDARD", record);
        String holder = network.patron(district, "ADULT");
        String other = network.patron(district, "ADULT");

        String hold = place(Tokens.patron(holder), record, district).statusCode(201)
                .body("status", equalTo("OPEN_IN_TRANSIT")).extract().path("id");
        copy(near).body("status", equalTo("IN_TRANSIT")).body("destinationServicePointCode", equalTo(district + "-DESK"));
        copy(far).body("status", equalTo("AVAILABLE"));
        place(Tokens.patron(other), record, district).statusCode(201).body("status", equalTo("OPEN_IN_TRANSIT"));
        String third = network.patron(district, "ADULT");
        String waiting = place(Tokens.patron(third), record, district).statusCode(201)
                .body("status", equalTo("OPEN_NOT_YET_FILLED")).extract().path("id");

        checkIn(district, near).body("routing", equalTo("HOLD_SHELF_HERE")).body("status", equalTo("AWAITING_PICKUP"))
                .body("holdFor", equalTo(holder)).body("pickupBy", notNullValue());
        given().auth().oauth2(Tokens.patron(third)).when().get("/holds/" + waiting).then()
                .body("status", equalTo("OPEN_NOT_YET_FILLED")).body("queuePosition", equalTo(1));
        given().auth().oauth2(Tokens.patron(holder)).when().get("/holds/" + hold).then()
                .body("status", equalTo("OPEN_AWAITING_PICKUP")).body("pickupBy", notNullValue());
        checkOut(district, other, near).statusCode(409).body("code", equalTo("COPY_ON_HOLD_FOR_ANOTHER_PATRON"));
        checkOut(district, holder, near).statusCode(201);
        given().auth().oauth2(Tokens.patron(holder)).when().get("/holds/" + hold).then()
                .body("status", equalTo("CLOSED_FILLED"));
    }

    @Test
    void shouldQueueReadersFillTheFirstOnReturnAndMoveOnWhenThePickupDatePasses() {
        String library = network.library("YHT", null);
        String another = network.library("JLL", null);
        UUID record = UUID.randomUUID();
        String copy = network.copy(library, "STANDARD", record);
        String borrower = network.patron(library, "ADULT");
        String first = network.patron(library, "ADULT");
        String second = network.patron(another, "ADULT");
        checkOut(library, borrower, copy).statusCode(201);

        String firstHold = place(Tokens.patron(first), record, library).statusCode(201)
                .body("status", equalTo("OPEN_NOT_YET_FILLED")).body("queuePosition", equalTo(1)).extract().path("id");
        String secondHold = place(Tokens.patron(second), record, another).statusCode(201)
                .body("queuePosition", equalTo(2)).extract().path("id");
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.patron(borrower)).body(Map.of("barcode", copy))
                .when().post("/circulation/renewals").then().statusCode(422)
                .body("code", equalTo("RENEWAL_REFUSED_HOLDS_WAITING"));

        checkIn(library, copy).body("routing", equalTo("HOLD_SHELF_HERE"));
        given().auth().oauth2(Tokens.patron(second)).when().get("/holds/" + secondHold).then()
                .body("queuePosition", equalTo(1));

        clock.advance(Duration.ofDays(9));
        given().auth().oauth2(Tokens.operator()).when().post("/holds/expiry-runs").then().statusCode(200)
                .body("expired", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().auth().oauth2(Tokens.patron(first)).when().get("/holds/" + firstHold).then()
                .body("status", equalTo("CLOSED_PICKUP_EXPIRED"));
        given().auth().oauth2(Tokens.patron(second)).when().get("/holds/" + secondHold).then()
                .body("status", equalTo("OPEN_IN_TRANSIT"));
        copy(copy).body("status", equalTo("IN_TRANSIT")).body("destinationServicePointCode", equalTo(another + "-DESK"));
    }

    @Test
    void shouldTakeAWithdrawnCopyOutOfCirculationRatherThanGiveItToAWaitingReader() {
        String library = network.library("YHT", null);
        UUID record = UUID.randomUUID();
        UUID copyId = UUID.randomUUID();
        String copy = network.copy(library, "STANDARD", record, copyId);
        String borrower = network.patron(library, "ADULT");
        String waiting = network.patron(library, "ADULT");
        checkOut(library, borrower, copy).statusCode(201);
        String hold = place(Tokens.patron(waiting), record, library).statusCode(201).extract().path("id");
        network.publish("catalog.copies", copyId.toString(), "CopyWithdrawn", "Copy", "{\"copyId\":\"" + copyId
                + "\",\"barcode\":\"" + copy + "\",\"libraryCode\":\"" + library + "\",\"version\":1}");
        network.awaitRow("SELECT count(*) FROM circulation_copy WHERE barcode = '" + copy + "'"
                + " AND withdrawn_from_catalog");

        checkIn(library, copy).body("routing", equalTo("WITHDRAWN")).body("closedLoan.status", equalTo("CLOSED"));

        given().auth().oauth2(Tokens.patron(waiting)).when().get("/holds/" + hold).then()
                .body("status", equalTo("OPEN_NOT_YET_FILLED")).body("queuePosition", equalTo(1));
    }

    @Test
    void shouldListAReadersHoldsWithTheirPlacesInTheQueuesAndHideThemFromOtherReaders() {
        String library = network.library("YHT", null);
        UUID popular = UUID.randomUUID();
        UUID shelved = UUID.randomUUID();
        String popularCopy = network.copy(library, "STANDARD", popular);
        network.copy(library, "STANDARD", shelved);
        String borrower = network.patron(library, "ADULT");
        String ahead = network.patron(library, "ADULT");
        String reader = network.patron(library, "ADULT");
        checkOut(library, borrower, popularCopy).statusCode(201);
        place(Tokens.patron(ahead), popular, library).statusCode(201);
        place(Tokens.patron(reader), popular, library).statusCode(201);
        String filled = place(Tokens.patron(reader), shelved, library).statusCode(201).extract().path("id");

        given().auth().oauth2(Tokens.patron(reader)).when().get("/patrons/" + reader + "/holds?open=true").then()
                .statusCode(200).body("total", equalTo(2)).body("items[0].id", equalTo(filled))
                .body("items[0].queuePosition", equalTo(0)).body("items[1].recordId", equalTo(popular.toString()))
                .body("items[1].queuePosition", equalTo(2));
        given().auth().oauth2(Tokens.patron(ahead)).when().get("/patrons/" + reader + "/holds").then()
                .statusCode(404).body("code", equalTo("PATRON_NOT_FOUND"));
        given().auth().oauth2(Tokens.librarian(library)).when().get("/patrons/" + reader + "/holds?size=1").then()
                .statusCode(200).body("items.size()", equalTo(1)).body("total", equalTo(2));
        given().auth().oauth2(Tokens.patron(reader)).when().get("/patrons/" + reader + "/holds?size=201").then()
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void shouldRefuseDuplicatesAndUnheldTitlesAndLetTheReaderCancel() {
        String library = network.library("YHT", null);
        UUID record = UUID.randomUUID();
        String copy = network.copy(library, "STANDARD", record);
        String reader = network.patron(library, "ADULT");
        String stranger = network.patron(library, "ADULT");
        checkOut(library, network.patron(library, "ADULT"), copy).statusCode(201);

        String hold = place(Tokens.patron(reader), record, library).statusCode(201).extract().path("id");
        place(Tokens.patron(reader), record, library).statusCode(409).body("code", equalTo("DUPLICATE_HOLD"));
        place(Tokens.patron(reader), UUID.randomUUID(), library).statusCode(422)
                .body("code", equalTo("RECORD_HAS_NO_COPIES"));
        place(Tokens.patron(reader), record, "NO-SUCH-DESK").statusCode(422).body("field",
                equalTo("pickupServicePointCode"));
        given().auth().oauth2(Tokens.patron(stranger)).when().get("/holds/" + hold).then().statusCode(404);
        given().auth().oauth2(Tokens.patron(stranger)).when().delete("/holds/" + hold).then().statusCode(404);
        given().auth().oauth2(Tokens.patron(reader)).when().delete("/holds/" + hold).then().statusCode(200)
                .body("status", equalTo("CLOSED_CANCELLED"));
        checkIn(library, copy).body("routing", equalTo("SHELVE_HERE"));
    }

    @Test
    void shouldPassOverASuspendedHoldAndKeepItsPlaceInTheQueue() {
        String library = network.library("YHT", null);
        UUID record = UUID.randomUUID();
        String copy = network.copy(library, "STANDARD", record);
        String borrower = network.patron(library, "ADULT");
        String away = network.patron(library, "ADULT");
        String next = network.patron(library, "ADULT");
        checkOut(library, borrower, copy).statusCode(201);
        String awayHold = place(Tokens.patron(away), record, library).statusCode(201).extract().path("id");
        String nextHold = place(Tokens.patron(next), record, library).statusCode(201).extract().path("id");

        String until = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(10).toString();
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.patron(away)).body(Map.of("until", until))
                .when().put("/holds/" + awayHold + "/suspension").then().statusCode(200)
                .body("suspendedUntil", equalTo(until)).body("queuePosition", equalTo(1));
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.patron(away)).body(Map.of("until", "2001-01-01"))
                .when().put("/holds/" + awayHold + "/suspension").then().statusCode(422);

        checkIn(library, copy).body("routing", equalTo("HOLD_SHELF_HERE"));
        given().auth().oauth2(Tokens.patron(next)).when().get("/holds/" + nextHold).then()
                .body("status", equalTo("OPEN_AWAITING_PICKUP"));
        given().auth().oauth2(Tokens.patron(away)).when().get("/holds/" + awayHold).then()
                .body("status", equalTo("OPEN_NOT_YET_FILLED")).body("queuePosition", equalTo(1));
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.patron(next)).body(Map.of("until", until))
                .when().put("/holds/" + nextHold + "/suspension").then().statusCode(409)
                .body("code", equalTo("HOLD_NOT_SUSPENDABLE"));
    }

    private static ValidatableResponse place(String token, UUID record, String library) {
        return given().contentType(ContentType.JSON).auth().oauth2(token)
                .body(Map.of("recordId", record, "pickupServicePointCode",
                        library.startsWith("NO-SUCH") ? library : library + "-DESK"))
                .when().post("/holds").then();
    }



}
