package org.tongjie.delivery.messaging;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.EventWriter;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class CatalogLibraryConsumerTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void shouldLearnALockerOpenedInTheCatalogAsADeliveryPoint() throws Exception {
        String library = "SZL-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String locker = library + "-LOCKER-1";
        String event = """
                {"eventId":"%s","eventType":"ServicePointOpened","eventVersion":1,
                 "occurredAt":"2026-11-22T05:00:00Z","aggregateType":"Library","aggregateId":"%s",
                 "data":{"code":"%s","libraryCode":"%s","name":"社区智能书柜·平江路","type":"LOCKER","lend":false,
                         "acceptReturns":true,"holdPickup":true,"deliveryHub":false}}
                """.formatted(UUID.randomUUID(), library, locker, library);
        try (EventWriter writer = new EventWriter(bootstrapServers)) {
            writer.send("catalog.libraries", library, event);
            writer.send("catalog.libraries", library, event.replace("社区智能书柜", "ignored duplicate"));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (given().queryParam("library", library).when().get("/delivery-points").then().extract()
                .<List<?>>path("").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("delivery point never arrived");
            }
            Thread.sleep(100);
        }
        given().queryParam("library", library).when().get("/delivery-points").then().statusCode(200)
                .body("[0].code", equalTo(locker)).body("[0].acceptsDeliveries", equalTo(true))
                .body("[0].name", equalTo("社区智能书柜·平江路"));
    }

    @Test
    void shouldRequireTheLibraryParameter() {
        given().when().get("/delivery-points").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("library"));
    }
}
