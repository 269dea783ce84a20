package org.tongjie.loan.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.Tokens;
import org.tongjie.loan.fixtures.Network;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.tongjie.loan.fixtures.Desk.copy;

/** Between libraries equally related in the tree, the one nearer on the map sends its copy. */
@QuarkusTest
class NearestCopyTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldTakeTheCopyOfTheGeographicallyNearerSiblingBranch() {
        Network network = new Network(bootstrapServers, dataSource);
        String city = network.library("JLL", null, 32.0315, 118.7310);
        String pickup = network.library("YHT", city, 31.9920, 118.7790);
        String far = network.library("GC", city, 31.3270, 118.8780);
        String near = network.library("JN", city, 31.9550, 118.8400);
        UUID record = UUID.randomUUID();
        // The far copy has the smallest possible id, so it would win any tie the map did not break.
        String farCopy = network.copy(far, "STANDARD", record, new UUID(0, 1));
        String nearCopy = network.copy(near, "STANDARD", record, new UUID(Long.MAX_VALUE, Long.MAX_VALUE));
        String reader = network.patron(pickup, "ADULT");

        given().contentType(ContentType.JSON).auth().oauth2(Tokens.patron(reader))
                .body(Map.of("recordId", record, "pickupServicePointCode", pickup + "-DESK"))
                .when().post("/holds").then().statusCode(201).body("status", equalTo("OPEN_IN_TRANSIT"));
        copy(nearCopy).body("status", equalTo("IN_TRANSIT"));
        copy(farCopy).body("status", equalTo("AVAILABLE"));
    }
}
