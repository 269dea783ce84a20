package org.tongjie.deploy.cluster;

import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.EventWriter;
import org.tongjie.deploy.testinfra.TopicReader;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tongjie.deploy.cluster.SharedCluster.staffToken;

/**
 * Every event arrives again, out of order: the recent history of every topic is published a second time, each
 * topic backwards and the topics shuffled together, as a relay re-publishing after a crash or an operator
 * resetting consumer groups to an earlier offset would deliver it. Each consumer must recognise every one of
 * them: no service's state changes and no service publishes anything in reaction.
 */
class ReplayedEventsIT extends OnSharedCluster {

    private static final int PER_TOPIC = 600;
    private static final Map<String, String> SKIPPED_TABLES = Map.of(
            "inbox_message", "what each consumer has seen", "outbox_event", "events waiting to be published",
            "idempotency_key", "answers kept for retries", "flyway_schema_history", "migrations",
            "refresh_token", "sessions");

    @Test
    void shouldChangeNothingWhenRecentEventsArriveAgainOutOfOrder() throws Exception {
        lendReturnAndHold();
        awaitQuiet();
        Map<String, String> before = fingerprints();
        long offsetsBefore = SharedCluster.endOffsets(cluster).values().stream().mapToLong(Long::longValue).sum();

        List<ConsumerRecord<String, String>> replay = new ArrayList<>();
        Map<String, Integer> perTopic = new LinkedHashMap<>();
        try (Admin admin = SharedCluster.kafkaAdmin(cluster)) {
            for (String topic : admin.listTopics().names().get().stream().sorted().toList()) {
                if (topic.startsWith("__")) {
                    continue;
                }
                List<ConsumerRecord<String, String>> recent = recent(topic);
                Collections.reverse(recent);
                perTopic.put(topic, recent.size());
                replay.addAll(recent);
            }
        }
        Collections.shuffle(replay, new Random(20261122L));
        long begin = System.nanoTime();
        try (EventWriter writer = new EventWriter(cluster.started().kafkaBootstrapServers())) {
            for (ConsumerRecord<String, String> event : replay) {
                writer.send(event.topic(), event.key(), event.value());
            }
        }
        awaitQuiet();
        long took = Duration.ofNanos(System.nanoTime() - begin).toMillis();
        long offsetsAfter = SharedCluster.endOffsets(cluster).values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("Replayed events: %d events again, backwards and shuffled (%s), consumed in %d ms;"
                + " %d published in reaction%n", replay.size(), perTopic, took,
                offsetsAfter - offsetsBefore - replay.size());

        assertTrue(replay.size() > 500, "too few events to replay: " + replay.size());
        assertEquals(offsetsBefore + replay.size(), offsetsAfter, "a service published events in reaction");
        Map<String, String> after = fingerprints();
        for (String table : before.keySet()) {
            assertEquals(before.get(table), after.get(table), table + " changed when old events arrived again");
        }
    }

    /**
     * Fresh history on every topic: copies lent at 雨花台 and returned at 金陵 (transfers home, dispatched and
     * received), a hold, and a home delivery ordered, packed, handed to the courier and delivered.
     */
    private static void lendReturnAndHold() throws Exception {
        String yht = staffToken("librarian.yht");
        String njl = staffToken("librarian.njl");
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L);
        String recordId = SharedCluster.newRecord(yht, "重放也不变的书" + tag);
        String card = "RE" + tag;
        SharedCluster.registerReader(yht, "YHT", card, "重放读者", "135790");
        List<String> barcodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String barcode = SharedCluster.newCopy(yht, recordId, "YHTR" + tag + i, "YHT-MAIN");
            barcodes.add(barcode);
            SharedCluster.checkOut(yht, card, barcode, "YHT-MAIN").statusCode(201);
            given().contentType(ContentType.JSON).auth().oauth2(njl).body(Map.of("barcode", barcode,
                    "servicePointCode", "NJL-MAIN")).when().post("/api/v1/circulation/check-ins").then()
                    .statusCode(200);
        }
        for (String barcode : barcodes) {
            SharedCluster.awaitStatus(barcode, "IN_TRANSIT");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!given().auth().oauth2(njl).when().get("/api/v1/pick-lists/NJL-MAIN").then().extract().jsonPath()
                .getList("barcode").containsAll(barcodes)) {
            assertTrue(System.nanoTime() < deadline, "the transfers home never reached the pick list");
            Thread.sleep(100);
        }
        given().contentType(ContentType.JSON).auth().oauth2(njl).body(Map.of("servicePointCode", "NJL-MAIN",
                "barcodes", barcodes)).when().post("/api/v1/transfer-dispatches").then().statusCode(200);
        for (String barcode : barcodes) {
            given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("servicePointCode", "YHT-MAIN",
                    "barcode", barcode)).when().post("/api/v1/transfer-receipts").then().statusCode(200);
            SharedCluster.awaitStatus(barcode, "AVAILABLE");
        }
        String reader = SharedCluster.readerToken(card, "135790");
        SharedCluster.checkOut(yht, card, barcodes.get(0), "YHT-MAIN").statusCode(201);
        String waiting = "RF" + tag;
        SharedCluster.registerReader(yht, "YHT", waiting, "等书的读者", "135790");
        given().contentType(ContentType.JSON).auth().oauth2(SharedCluster.readerToken(waiting, "135790"))
                .body(Map.of("recordId", recordId, "pickupServicePointCode", "YHT-MAIN")).when()
                .post("/api/v1/holds").then().statusCode(201);

        String address = given().contentType(ContentType.JSON).auth().oauth2(reader).body(Map.of("recipient", "王芳",
                "phone", "13900000000", "regionCode", "320114", "line", "雨花台区软件大道 101 号")).when()
                .post("/api/v1/delivery-addresses").then().statusCode(201).extract().path("id");
        Map<String, Object> order = Map.of("libraryCode", "NJL", "recordIds", List.of(recordId), "addressId", address);
        deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String orderId = null;
        while (orderId == null || !"CONFIRMED".equals(given().auth().oauth2(reader).when()
                .get("/api/v1/delivery-orders/" + orderId).then().extract().path("status"))) {
            assertTrue(System.nanoTime() < deadline, "the home delivery was never confirmed");
            if (orderId == null) {
                var placed = given().contentType(ContentType.JSON).auth().oauth2(reader).body(order).when()
                        .post("/api/v1/delivery-orders").then().extract();
                orderId = placed.statusCode() == 201 ? placed.path("id") : null;
            }
            Thread.sleep(100);
        }
        var shipment = given().auth().oauth2(reader).when().get("/api/v1/delivery-orders/" + orderId).then()
                .extract();
        String shipmentId = shipment.path("shipments[0].id");
        given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("barcodes",
                List.of((String) shipment.path("lines[0].barcode")))).when()
                .post("/api/v1/shipments/" + shipmentId + "/packing").then().statusCode(200);
        String tracking = "SF" + tag;
        given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("carrier", "sf", "trackingNumber",
                tracking)).when().post("/api/v1/shipments/" + shipmentId + "/hand-over").then().statusCode(200);
        new SignedCourier("sf", cluster.started().carrierSecrets().secrets().get("sf")).reports(tracking, "DELIVERED")
                .statusCode(200);
    }

    /** The last events of a topic, oldest first. */
    private static List<ConsumerRecord<String, String>> recent(String topic) {
        long end = SharedCluster.endOffsets(cluster).entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(Map.Entry::getValue).sum();
        try (TopicReader reader = new TopicReader(cluster.started().kafkaBootstrapServers(), topic)) {
            List<ConsumerRecord<String, String>> all = reader.readUntil(records -> records.size() >= end,
                    Duration.ofSeconds(30));
            return new ArrayList<>(all.subList(Math.max(0, all.size() - PER_TOPIC), all.size()));
        }
    }

    /**
     * Waits until no outbox holds an unsent event, every consumer group has read everything and every indicator
     * fact is summed (2 minutes).
     */
    private static void awaitQuiet() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        int quietChecks = 0;
        String behind = "";
        while (quietChecks < 3) {
            behind = behind();
            quietChecks = behind.isEmpty() ? quietChecks + 1 : 0;
            assertTrue(System.nanoTime() < deadline, "the network never caught up: " + behind);
            Thread.sleep(300);
        }
    }

    private static String behind() throws Exception {
        List<String> behind = new ArrayList<>();
        for (String database : List.of("catalog", "loan", "delivery")) {
            long unsent = SharedCluster.count(cluster, database,
                    "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL");
            if (unsent > 0) {
                behind.add(database + " outbox " + unsent);
            }
            // Indicator facts are summed into the daily tables every few seconds: a fact recorded before the
            // replay but summed during it would look like a change the replay made.
            long facts = SharedCluster.count(cluster, database, "SELECT count(*) FROM indicator_fact");
            if (facts > 0) {
                behind.add(database + " indicator facts " + facts);
            }
        }
        Map<TopicPartition, Long> ends = SharedCluster.endOffsets(cluster);
        try (Admin admin = SharedCluster.kafkaAdmin(cluster)) {
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                if (group.groupId().startsWith("test-reader-")) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> read = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get();
                for (var partition : read.entrySet()) {
                    long lag = ends.getOrDefault(partition.getKey(), 0L) - partition.getValue().offset();
                    if (lag > 0) {
                        behind.add(group.groupId() + " " + partition.getKey() + " lag " + lag);
                    }
                }
            }
        }
        return String.join(", ", behind);
    }

    /** A digest of every table of every service holding the network's state (not its message bookkeeping). */
    private static Map<String, String> fingerprints() throws Exception {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String database : List.of("catalog", "loan", "delivery", "gateway")) {
            try (Connection db = SharedCluster.connect(cluster, database); Statement statement = db.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                for (String table : tables) {
                    if (SKIPPED_TABLES.containsKey(table)) {
                        continue;
                    }
                    try (ResultSet rows = statement.executeQuery("SELECT count(*) || ' ' || md5(coalesce(string_agg("
                            + "t::text, '|' ORDER BY t::text), '')) FROM " + table + " t")) {
                        rows.next();
                        digests.put(database + "." + table, rows.getString(1));
                    }
                }
            }
        }
        return digests;
    }
}
