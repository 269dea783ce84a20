package org.tongjie.loan.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.TopicReader;
import org.tongjie.loan.fixtures.Network;
import org.tongjie.loan.fixtures.TestClock;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tongjie.loan.fixtures.Desk.checkIn;
import static org.tongjie.loan.fixtures.Desk.checkOut;
import static org.tongjie.loan.fixtures.Desk.copy;

/** loan-service's side of 网借 and transfers, driven by delivery-service's events on real Kafka. */
@QuarkusTest
class DeliveryFulfilmentTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    TestClock clock;

    private Network network;
    private String city;
    private String district;

    @BeforeEach
    void freshNetwork() {
        clock.reset();
        network = new Network(bootstrapServers, dataSource);
        city = network.library("JLL", null);
        district = network.library("YHT", city);
    }

    @Test
    void shouldPromiseCopiesToADeliveryOrderAndOpenTheLoansWhenDelivered() {
        UUID held = UUID.randomUUID();
        UUID unheld = UUID.randomUUID();
        String barcode = network.copy(district, "STANDARD", held);
        String reader = network.patron(city, "ADULT");
        String stranger = network.patron(city, "ADULT");
        UUID order = UUID.randomUUID();
        String placed = "{\"orderId\":\"" + order + "\",\"cardNumber\":\"" + reader + "\",\"libraryCode\":\"" + city
                + "\",\"recordIds\":[\"" + held + "\",\"" + unheld + "\"],\"destination\":\"HOME\"}";
        network.publish("delivery.orders", order.toString(), "DeliveryOrderPlaced", "DeliveryOrder", placed);

        String answer = awaitEvent("circulation.holds", order.toString(), "DeliveryOrderAllocated");
        assertTrue(answer.contains("ALLOCATED") && answer.contains(barcode)
                && answer.contains("NO_COPY_AVAILABLE"), answer);
        copy(barcode).body("status", equalTo("AWAITING_DELIVERY"));
        checkOut(district, stranger, barcode).statusCode(409).body("code", equalTo("COPY_NOT_AVAILABLE"));
        io.restassured.RestAssured.given().contentType("application/json")
                .auth().oauth2(org.tongjie.deploy.testinfra.Tokens.librarian(district))
                .body(java.util.Map.of("barcode", barcode, "servicePointCode", district + "-DESK"))
                .when().post("/circulation/check-ins").then().statusCode(409).body("code", equalTo("COPY_IN_DELIVERY"));

        network.publish("delivery.orders", order.toString(), "DeliveryOrderPlaced", "DeliveryOrder", placed);
        String hold = network.text("SELECT id FROM hold WHERE delivery_order_id = '" + order + "'");
        String copyId = network.text("SELECT copy_id FROM circulation_copy WHERE barcode = '" + barcode + "'");
        String items = "[{\"holdId\":\"" + hold + "\",\"copyId\":\"" + copyId + "\",\"barcode\":\"" + barcode + "\"}]";
        shipment(order, "HANDED_TO_COURIER", null, items);
        awaitStatus(barcode, "IN_DELIVERY");
        shipment(order, "DELIVERED", null, items);
        awaitStatus(barcode, "CHECKED_OUT");
        assertEquals(1, network.count("SELECT count(*) FROM hold WHERE delivery_order_id = '" + order + "'"));
        assertEquals("CLOSED_FILLED", network.text("SELECT status FROM hold WHERE id = '" + hold + "'"));
        assertEquals(1, network.count("SELECT count(*) FROM loan WHERE barcode = '" + barcode + "' AND card_number = '"
                + reader + "' AND status = 'OPEN'"));
        String opened = awaitEvent("circulation.loans", null, "\"LoanOpened\"", barcode);
        assertTrue(opened.contains(reader), opened);
    }

    @Test
    void shouldTakeBackAFailedDeliveryAndReleaseACancelledOrder() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String failed = network.copy(city, "STANDARD", first);
        String cancelled = network.copy(city, "STANDARD", second);
        String reader = network.patron(city, "ADULT");

        UUID order = order(reader, first);
        awaitStatus(failed, "AWAITING_DELIVERY");
        String hold = network.text("SELECT id FROM hold WHERE delivery_order_id = '" + order + "'");
        String copyId = network.text("SELECT copy_id FROM circulation_copy WHERE barcode = '" + failed + "'");
        String items = "[{\"holdId\":\"" + hold + "\",\"copyId\":\"" + copyId + "\",\"barcode\":\"" + failed + "\"}]";
        shipment(order, "HANDED_TO_COURIER", null, items);
        awaitStatus(failed, "IN_DELIVERY");
        shipment(order, "RETURNED_TO_LIBRARY", null, items);
        awaitStatus(failed, "AVAILABLE");
        assertEquals("CLOSED_UNFILLED", network.text("SELECT status FROM hold WHERE id = '" + hold + "'"));

        UUID other = order(reader, second);
        awaitStatus(cancelled, "AWAITING_DELIVERY");
        network.publish("delivery.orders", other.toString(), "DeliveryOrderCancelled", "DeliveryOrder",
                "{\"orderId\":\"" + other + "\",\"cardNumber\":\"" + reader + "\"}");
        awaitStatus(cancelled, "AVAILABLE");
        assertEquals("CLOSED_CANCELLED", network.text("SELECT status FROM hold WHERE delivery_order_id = '" + other
                + "'"));
    }

    @Test
    void shouldStartTheLoanOnLockerCollectionAndSendAnUncollectedCopyHome() {
        String locker = district + "-LOCKER";
        network.publish("catalog.libraries", district, "ServicePointOpened", "Library", "{\"code\":\"" + locker
                + "\",\"libraryCode\":\"" + district + "\",\"name\":\"书柜\",\"type\":\"LOCKER\",\"lend\":false,"
                + "\"acceptReturns\":true,\"holdPickup\":true,\"deliveryHub\":false}");
        network.awaitRow("SELECT count(*) FROM service_point WHERE code = '" + locker + "'");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String collected = network.copy(city, "STANDARD", first);
        String uncollected = network.copy(city, "STANDARD", second);
        String reader = network.patron(city, "ADULT");

        UUID order = order(reader, first);
        awaitStatus(collected, "AWAITING_DELIVERY");
        String items = items(order, collected);
        shipment(order, "DELIVERED", locker, items);
        awaitStatus(collected, "IN_DELIVERY");
        shipment(order, "COLLECTED", locker, items);
        awaitStatus(collected, "CHECKED_OUT");

        UUID late = order(reader, second);
        awaitStatus(uncollected, "AWAITING_DELIVERY");
        String lateItems = items(late, uncollected);
        shipment(late, "DELIVERED", locker, lateItems);
        awaitStatus(uncollected, "IN_DELIVERY");
        shipment(late, "UNCOLLECTED", locker, lateItems);
        awaitStatus(uncollected, "IN_TRANSIT");
        copy(uncollected).body("currentServicePointCode", equalTo(locker))
                .body("destinationServicePointCode", equalTo(city + "-DESK"));
        assertEquals("CLOSED_PICKUP_EXPIRED", network.text("SELECT status FROM hold WHERE delivery_order_id = '"
                + late + "'"));
    }

    private String items(UUID order, String barcode) {
        String hold = network.text("SELECT id FROM hold WHERE delivery_order_id = '" + order + "'");
        String copyId = network.text("SELECT copy_id FROM circulation_copy WHERE barcode = '" + barcode + "'");
        return "[{\"holdId\":\"" + hold + "\",\"copyId\":\"" + copyId + "\",\"barcode\":\"" + barcode + "\"}]";
    }

    @Test
    void shouldRouteATransferReceivedByScanAndCheckInBooksACourierBroughtBack() {
        String travelling = network.copy(district, "STANDARD");
        String returned = network.copy(district, "STANDARD");
        String reader = network.patron(district, "ADULT");
        checkOut(district, reader, travelling).statusCode(201);
        checkOut(district, reader, returned).statusCode(201);
        checkIn(city, travelling);
        copy(travelling).body("status", equalTo("IN_TRANSIT"));
        String copyId = network.text("SELECT copy_id FROM circulation_copy WHERE barcode = '" + travelling + "'");
        network.publish("delivery.transfers", copyId, "TransferReceived", "Copy", "{\"copyId\":\"" + copyId
                + "\",\"barcode\":\"" + travelling + "\",\"servicePointCode\":\"" + district + "-DESK\"}");
        awaitStatus(travelling, "AVAILABLE");
        copy(travelling).body("currentServicePointCode", equalTo(district + "-DESK"));

        UUID pickup = UUID.randomUUID();
        network.publish("delivery.returns", pickup.toString(), "ReturnPickupReceived", "ReturnPickup",
                "{\"pickupId\":\"" + pickup + "\",\"cardNumber\":\"" + reader + "\",\"servicePointCode\":\"" + city
                        + "-DESK\",\"barcodes\":[\"" + returned + "\"]}");
        awaitStatus(returned, "IN_TRANSIT");
        assertEquals(0, network.count("SELECT count(*) FROM loan WHERE barcode = '" + returned
                + "' AND status = 'OPEN'"));
    }

    private UUID order(String reader, UUID record) {
        UUID order = UUID.randomUUID();
        network.publish("delivery.orders", order.toString(), "DeliveryOrderPlaced", "DeliveryOrder", "{\"orderId\":\""
                + order + "\",\"cardNumber\":\"" + reader + "\",\"libraryCode\":\"" + city + "\",\"recordIds\":[\""
                + record + "\"],\"destination\":\"HOME\"}");
        return order;
    }

    private void shipment(UUID order, String status, String deliveryPoint, String items) {
        UUID shipment = UUID.randomUUID();
        network.publish("delivery.shipments", shipment.toString(), "ShipmentStatusChanged", "Shipment",
                "{\"shipmentId\":\"" + shipment + "\",\"orderId\":\"" + order + "\",\"status\":\"" + status
                        + "\",\"sourceServicePointCode\":\"" + city + "-DESK\",\"deliveryPointCode\":"
                        + (deliveryPoint == null ? "null" : "\"" + deliveryPoint + "\"") + ",\"items\":" + items + "}");
    }

    private String awaitEvent(String topic, String key, String... fragments) {
        try (TopicReader reader = new TopicReader(bootstrapServers, topic)) {
            List<ConsumerRecord<String, String>> seen = reader.readUntil(s -> s.stream().anyMatch(r -> matches(r, key,
                    fragments)), Duration.ofSeconds(20));
            return seen.stream().filter(r -> matches(r, key, fragments)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + List.of(fragments) + " on " + topic)).value();
        }
    }

    private static boolean matches(ConsumerRecord<String, String> r, String key, String... fragments) {
        if (key != null && !key.equals(r.key())) {
            return false;
        }
        for (String f : fragments) {
            if (!r.value().contains(f)) {
                return false;
            }
        }
        return true;
    }

    private void awaitStatus(String barcode, String status) {
        network.awaitRow("SELECT count(*) FROM circulation_copy WHERE barcode = '" + barcode + "' AND status = '"
                + status + "'");
    }
}
