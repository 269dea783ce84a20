package org.tongjie.deploy.cluster;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tongjie.deploy.cluster.SharedCluster.awaitStatus;
import static org.tongjie.deploy.cluster.SharedCluster.staffToken;

/**
 * Crashes under load: while librarians keep lending and taking back books through the gateway (retrying as a
 * desk client would, check-outs with their Idempotency-Key), loan-service, catalog-service and the gateway are
 * each killed with SIGKILL and restarted. Afterwards every acknowledged loan exists exactly once, no other loan
 * exists, and the network converges: the catalog agrees with loan-service about every copy, no outbox holds
 * an unsent event.
 */
class FaultsIT {

    private static final Set<Integer> TRY_AGAIN = Set.of(429, 502, 503, 504);
    private static final int COPIES = 8;

    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = SharedCluster.get();
    }

    @AfterAll
    static void networkAgrees() throws Exception {
        NetworkAgreement.assertAgrees(cluster);
    }

    @Test
    void shouldLendEachCopyOnceAndConvergeWhenServicesAreKilledUnderLoad() throws Exception {
        String yht = staffToken("librarian.yht");
        String recordId = SharedCluster.newRecord(yht, "断电也不丢的书");
        List<String> copies = new ArrayList<>();
        List<String> readers = new ArrayList<>();
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L);
        for (int i = 0; i < COPIES; i++) {
            copies.add(SharedCluster.newCopy(yht, recordId, "YHTK" + tag + i, "YHT-MAIN"));
            String card = "FT" + tag + i;
            given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("cardNumber", card, "name",
                    "读者" + i, "patronType", "ADULT", "homeLibrary", "YHT", "pin", "135790")).when()
                    .post("/api/v1/patrons").then().statusCode(201);
            readers.add(card);
        }

        AtomicBoolean running = new AtomicBoolean(true);
        Queue<String> acknowledgedLoans = new ConcurrentLinkedQueue<>();
        Queue<String> refusals = new ConcurrentLinkedQueue<>();
        AtomicInteger retries = new AtomicInteger();
        ExecutorService desks = Executors.newFixedThreadPool(4);
        for (int desk = 0; desk < 4; desk++) {
            int first = desk;
            desks.submit(() -> {
                while (running.get()) {
                    for (int n = first; n < COPIES; n += 4) {
                        int i = n;
                        String key = UUID.randomUUID().toString();
                        Map<String, String> checkOut = Map.of("cardNumber", readers.get(i), "barcode", copies.get(i),
                                "servicePointCode", "YHT-MAIN");
                        ExtractableResponse<Response> lent = untilAnswered(retries, () -> given()
                                .contentType(ContentType.JSON).auth().oauth2(yht).header("Idempotency-Key", key)
                                .body(checkOut).when().post("/api/v1/circulation/check-outs").then().extract());
                        if (lent.statusCode() != 201) {
                            refusals.add("check-out " + lent.statusCode() + " " + lent.asString());
                            continue;
                        }
                        acknowledgedLoans.add(lent.path("id"));
                        ExtractableResponse<Response> returned = untilAnswered(retries, () -> given()
                                .contentType(ContentType.JSON).auth().oauth2(yht)
                                .body(Map.of("barcode", copies.get(i), "servicePointCode", "YHT-MAIN")).when()
                                .post("/api/v1/circulation/check-ins").then().extract());
                        if (returned.statusCode() != 200) {
                            refusals.add("check-in " + returned.statusCode() + " " + returned.asString());
                        }
                    }
                }
                return null;
            });
        }

        Map<String, Duration> restarts = new LinkedHashMap<>();
        Thread.sleep(3000);
        for (String service : List.of("loan", "catalog", "gateway")) {
            cluster.kill(service);
            Thread.sleep(1000);
            restarts.put(service, cluster.restart(service));
            Thread.sleep(3000);
        }
        running.set(false);
        desks.shutdown();
        assertTrue(desks.awaitTermination(3, TimeUnit.MINUTES), "the desks never stopped");

        System.out.printf("Faults: %d loans acknowledged, %d retries, restarts %s%n", acknowledgedLoans.size(),
                retries.get(), restarts);
        assertEquals(List.of(), List.copyOf(refusals), "requests refused instead of done");
        assertTrue(acknowledgedLoans.size() >= 3 * COPIES, "too little load: " + acknowledgedLoans.size());
        String copyList = "'" + String.join("','", copies) + "'";
        String loanList = "'" + String.join("','", acknowledgedLoans) + "'";
        assertEquals(acknowledgedLoans.size(), Set.copyOf(acknowledgedLoans).size(), "a loan acknowledged twice");
        assertEquals(acknowledgedLoans.size(), count("SELECT count(*) FROM loan WHERE id IN (" + loanList + ")"),
                "every acknowledged loan exists");
        assertEquals(acknowledgedLoans.size(), count("SELECT count(*) FROM loan l JOIN circulation_copy c"
                + " ON c.copy_id = l.copy_id WHERE c.barcode IN (" + copyList + ")"), "no loan but the acknowledged");
        assertEquals(0, count("SELECT count(*) FROM loan l JOIN circulation_copy c ON c.copy_id = l.copy_id"
                + " WHERE c.barcode IN (" + copyList + ") AND l.status = 'OPEN'"), "every loan was closed");
        for (String barcode : copies) {
            awaitStatus(barcode, "AVAILABLE");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Integer.valueOf(COPIES).equals(given().when().get("/api/v1/records/" + recordId + "/availability")
                .then().extract().path("[0].available"))) {
            assertTrue(System.nanoTime() < deadline, "the catalog never showed every copy available again");
            Thread.sleep(200);
        }
    }

    /** Sends until the network gives a definite answer: the desk client's retry, with the same request. */
    private static ExtractableResponse<Response> untilAnswered(AtomicInteger retries,
            Supplier<ExtractableResponse<Response>> request) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                ExtractableResponse<Response> answer = request.get();
                if (!TRY_AGAIN.contains(answer.statusCode())) {
                    return answer;
                }
            } catch (Exception unreachable) {
                // The gateway itself is down: try again.
            }
            retries.incrementAndGet();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no definite answer within 90 s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + cluster.started().postgresPort() + "/loan", "postgres", "postgres");
                Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
