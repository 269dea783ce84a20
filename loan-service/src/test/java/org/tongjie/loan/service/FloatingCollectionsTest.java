package org.tongjie.loan.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.Tokens;
import org.tongjie.loan.fixtures.Network;
import org.tongjie.loan.fixtures.TestClock;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tongjie.loan.fixtures.Desk.checkIn;
import static org.tongjie.loan.fixtures.Desk.checkOut;
import static org.tongjie.loan.fixtures.Desk.copy;

@QuarkusTest
class FloatingCollectionsTest {

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
    void shouldKeepAFloatingCopyWhereItIsReturnedInsideItsLibrarysTreeOnly() {
        String province = network.library("NJL", null);
        String city = network.library("JLL", province);
        String district = network.library("YHT", city);
        String elsewhere = network.library("BHL", null);
        String reader = network.patron(district, "ADULT");
        String districtCopy = network.copy(district, "STANDARD");
        String provinceCopy = network.copy(province, "STANDARD");
        String farCopy = network.copy(district, "STANDARD");
        String earlierCopy = network.copy(district, "STANDARD");

        // Returned before the city floats, a copy goes home (and what floats is remembered: the change must show).
        checkOut(district, reader, earlierCopy).statusCode(201);
        checkIn(city, earlierCopy).statusCode(200).body("routing", equalTo("TRANSIT_HOME"));
        given().auth().oauth2(Tokens.admin(district)).when().put("/floating-collections/" + city).then()
                .statusCode(403);
        given().auth().oauth2(Tokens.admin(city)).when().put("/floating-collections/" + city).then().statusCode(200)
                .body("floating", equalTo(true));
        given().when().get("/floating-collections/" + city).then().body("floating", equalTo(true));

        checkOut(district, reader, districtCopy).statusCode(201);
        checkIn(city, districtCopy).statusCode(200).body("routing", equalTo("FLOAT_HERE"))
                .body("status", equalTo("AVAILABLE")).body("destinationServicePointCode", nullValue());
        copy(districtCopy).body("status", equalTo("AVAILABLE")).body("currentServicePointCode",
                equalTo(city + "-DESK"));
        assertEquals(0, network.count("SELECT count(*) FROM outbox_event WHERE type = 'TransferRequested'"
                + " AND payload::text LIKE '%" + districtCopy + "%'"));

        // The province's copy is above the floating city: it goes home.
        checkOut(district, reader, provinceCopy).statusCode(201);
        checkIn(district, provinceCopy).body("routing", equalTo("TRANSIT_HOME"))
                .body("destinationServicePointCode", equalTo(province + "-DESK"));
        assertEquals(1, network.count("SELECT count(*) FROM outbox_event WHERE type = 'TransferRequested'"
                + " AND payload::text LIKE '%" + provinceCopy + "%'"));
        // Outside the city's tree the district's copy goes home too.
        checkOut(district, reader, farCopy).statusCode(201);
        checkIn(elsewhere, farCopy).body("routing", equalTo("TRANSIT_HOME"))
                .body("destinationServicePointCode", equalTo(district + "-DESK"));

        // Once the city stops floating, its floated copy goes home at its next return.
        given().auth().oauth2(Tokens.admin(city)).when().delete("/floating-collections/" + city).then()
                .statusCode(200).body("floating", equalTo(false));
        checkOut(city, reader, districtCopy).statusCode(201);
        checkIn(city, districtCopy).body("routing", equalTo("TRANSIT_HOME"))
                .body("destinationServicePointCode", equalTo(district + "-DESK"));
    }

    @Test
    void shouldStillSendAFloatingCopyToAWaitingHold() {
        String city = network.library("JLL", null);
        String district = network.library("YHT", city);
        UUID record = UUID.randomUUID();
        String floating = network.copy(district, "STANDARD", record);
        String borrower = network.patron(district, "ADULT");
        String waiting = network.patron(district, "ADULT");
        given().auth().oauth2(Tokens.admin(city)).when().put("/floating-collections/" + city).then().statusCode(200);
        checkOut(district, borrower, floating).statusCode(201);
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.patron(waiting))
                .body(Map.of("recordId", record, "pickupServicePointCode", district + "-DESK")).when()
                .post("/holds").then().statusCode(201);

        checkIn(city, floating).body("routing", equalTo("TRANSIT_TO_PICKUP"))
                .body("destinationServicePointCode", equalTo(district + "-DESK"));
    }
}
