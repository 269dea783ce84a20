package org.tongjie.deploy.cluster;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tongjie.deploy.testinfra.TopicReader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One cluster for every end-to-end test class of this JVM, started the way the README's run command does on
 * first use and stopped when the JVM exits; REST Assured points at its gateway. Plus what every such test
 * needs: tokens got through the gateway, and waiting for the network to catch up.
 */
final class SharedCluster {

    private static LocalCluster cluster;

    private SharedCluster() {
    }

    static synchronized LocalCluster get() throws Exception {
        if (cluster == null) {
            Path repository = repository();
            cluster = LocalCluster.start(new LocalCluster.Options(repository,
                    repository.resolve("deploy/local-cluster/target/it-local"), 0, 0, 0, 0, 0, 0, true, false));
            LocalCluster started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "cluster-stop"));
            System.out.printf("Cluster up in %d ms; service start-up %s; RSS kB %s%n",
                    started.started().total().toMillis(), started.started().startupTimes(),
                    started.residentKilobytes());
        }
        RestAssured.baseURI = cluster.started().gatewayUrl();
        RestAssured.port = cluster.started().servicePorts().get("gateway");
        return cluster;
    }

    static Path repository() {
        return Path.of(System.getProperty("tongjie.repository", "../..")).toAbsolutePath().normalize();
    }

    static String staffToken(String username) {
        return given().formParams(Map.of("grant_type", "password", "username", username,
                "password", DemoData.STAFF_PASSWORD)).when().post("/api/v1/auth/token").then().statusCode(200)
                .extract().path("access_token");
    }

    /** The demo network's administrator (no library scope). */
    static String adminToken() {
        return given().formParams(Map.of("grant_type", "password", "username", DemoData.ADMIN_USERNAME,
                "password", DemoData.ADMIN_PASSWORD)).when().post("/api/v1/auth/token").then().statusCode(200)
                .extract().path("access_token");
    }

    /** Registers a reader at a library's desk with the given card and PIN. */
    static void registerReader(String staff, String library, String card, String name, String pin) {
        given().contentType(ContentType.JSON).auth().oauth2(staff).body(Map.of("cardNumber", card, "name", name,
                "patronType", "ADULT", "homeLibrary", library, "pin", pin)).when().post("/api/v1/patrons").then()
                .statusCode(201);
    }

    static String readerToken(String card, String pin) {
        return given().formParams(Map.of("grant_type", "password", "scope", "patron", "username", card,
                "password", pin)).when().post("/api/v1/auth/token").then().statusCode(200)
                .body("token_type", equalTo("Bearer")).extract().path("access_token");
    }

    /** A token for a demo district system client, with the secret the demo generated for it. */
    static String clientToken(LocalCluster cluster, String clientId) {
        return given().formParams(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", cluster.started().demo().clientSecrets().get(clientId))).when()
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
    }

    static String newRecord(String staff, String title) {
        return given().contentType(ContentType.JSON).auth().oauth2(staff).body(Map.of("title", title)).when()
                .post("/api/v1/records").then().statusCode(201).extract().path("id");
    }

    /** Registers a copy of the record and waits until loan-service can lend it; returns the barcode. */
    static String newCopy(String staff, String recordId, String barcode, String homeServicePoint)
            throws InterruptedException {
        given().contentType(ContentType.JSON).auth().oauth2(staff).body(Map.of("barcode", barcode, "recordId",
                recordId, "homeServicePointCode", homeServicePoint)).when().post("/api/v1/copies").then()
                .statusCode(201);
        awaitStatus(barcode, "AVAILABLE");
        return barcode;
    }

    static ValidatableResponse checkOut(String staff, String card, String barcode, String desk) {
        return given().contentType(ContentType.JSON).auth().oauth2(staff).body(Map.of("cardNumber", card,
                "barcode", barcode, "servicePointCode", desk)).when().post("/api/v1/circulation/check-outs").then();
    }

    static void awaitStatus(String barcode, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!status.equals(given().when().get("/api/v1/circulation/copies/" + barcode).then().extract()
                .path("status"))) {
            assertTrue(System.nanoTime() < deadline, barcode + " never became " + status);
            Thread.sleep(50);
        }
    }

    /** Waits until the catalog reports exactly one copy in the given availability column. */
    static void awaitAvailability(String recordId, String column) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!Integer.valueOf(1).equals(given().when().get("/api/v1/records/" + recordId + "/availability").then()
                .extract().path("[0]." + column))) {
            assertTrue(System.nanoTime() < deadline, "catalog availability never showed " + column);
            Thread.sleep(50);
        }
    }

    /** The events on a topic keyed by or mentioning the subject, read until {@code enough} holds (20 s at most). */
    static List<ConsumerRecord<String, String>> eventsAbout(LocalCluster cluster, String topic, String subject,
            java.util.function.Predicate<List<ConsumerRecord<String, String>>> enough) {
        try (TopicReader reader = new TopicReader(cluster.started().kafkaBootstrapServers(), topic)) {
            List<ConsumerRecord<String, String>> seen = reader.readUntil(records -> enough.test(records.stream()
                    .filter(r -> subject.equals(r.key()) || r.value().contains(subject)).toList()),
                    Duration.ofSeconds(20));
            List<ConsumerRecord<String, String>> about = seen.stream()
                    .filter(r -> subject.equals(r.key()) || r.value().contains(subject)).toList();
            assertTrue(enough.test(about), "events on " + topic + " about " + subject + ": " + about);
            return about;
        }
    }

    /** An administrative client of the cluster's Kafka broker. */
    static org.apache.kafka.clients.admin.Admin kafkaAdmin(LocalCluster cluster) {
        return org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.started().kafkaBootstrapServers()));
    }

    /** The end offset of every partition of every topic but Kafka's internal ones. */
    static Map<org.apache.kafka.common.TopicPartition, Long> endOffsets(LocalCluster cluster) {
        try (var admin = kafkaAdmin(cluster)) {
            var latest = new java.util.LinkedHashMap<org.apache.kafka.common.TopicPartition,
                    org.apache.kafka.clients.admin.OffsetSpec>();
            admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().values()
                    .forEach(topic -> topic.partitions().forEach(p -> latest.put(
                            new org.apache.kafka.common.TopicPartition(topic.name(), p.partition()),
                            org.apache.kafka.clients.admin.OffsetSpec.latest())));
            var ends = new java.util.LinkedHashMap<org.apache.kafka.common.TopicPartition, Long>();
            admin.listOffsets(latest).all().get().forEach((partition, end) -> ends.put(partition, end.offset()));
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the topics' end offsets", e);
        }
    }

    /** A connection to one service's database, as an auditor reads it. */
    static Connection connect(LocalCluster cluster, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + cluster.started().postgresPort() + "/"
                + database, "postgres", "postgres");
    }

    /** The single number a query in one service's database answers. */
    static long count(LocalCluster cluster, String database, String sql) throws SQLException {
        try (Connection db = connect(cluster, database)) {
            return count(db, sql);
        }
    }

    static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A token signed with the cluster's own key, with whatever claims a test needs. */
    static String sign(LocalCluster cluster, String claims) throws Exception {
        String pem = Files.readString(cluster.started().publicKey().resolveSibling("jwt-private.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        var encoder = Base64.getUrlEncoder().withoutPadding();
        String body = encoder.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(body.getBytes(StandardCharsets.US_ASCII));
        return body + "." + encoder.encodeToString(signature.sign());
    }
}
