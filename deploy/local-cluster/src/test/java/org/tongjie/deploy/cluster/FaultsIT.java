package org.tongjie.deploy.cluster;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
 * Faults under load: while librarians keep lending and taking back books through the gateway (retrying as a
 * desk client would, check-outs with their Idempotency-Key), loan-service, catalog-service and the gateway are
 * each killed with SIGKILL and restarted; and the Kafka broker is down for 30 seconds. Afterwards every
 * acknowledged loan exists exactly once, no other loan exists, and the network converges: the catalog agrees
 * with loan-service about every copy, no outbox holds an unsent event.
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
        Desks desks = Desks.open("断电也不丢的书");
        Map<String, Duration> restarts = new LinkedHashMap<>();
        Thread.sleep(3000);
        for (String service : List.of("loan", "catalog", "gateway")) {
            cluster.kill(service);
            Thread.sleep(1000);
            restarts.put(service, cluster.restart(service));
            Thread.sleep(3000);
        }
        desks.close();
        System.out.printf("Faults (kill -9): %d loans acknowledged, %d retries, restarts %s%n",
                desks.acknowledgedLoans.size(), desks.retries.get(), restarts);
        desks.assertExactlyOnceAndConverged();
    }

    @Test
    void shouldKeepLendingThroughABrokerOutageAndCatchUpAfterIt() throws Exception {
        Desks desks = Desks.open("停电时照常借还的书");
        Thread.sleep(2000);
        cluster.pauseBroker();
        int before = desks.acknowledgedLoans.size();
        long backlog = 0;
        long outageEnds = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < outageEnds) {
            backlog = Math.max(backlog, count("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL"));
            Thread.sleep(1000);
        }
        int duringOutage = desks.acknowledgedLoans.size() - before;
        long resumed = System.nanoTime();
        cluster.resumeBroker();
        long drained = -1;
        while (System.nanoTime() - resumed < Duration.ofSeconds(120).toNanos()) {
            if (count("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL") == 0) {
                drained = Duration.ofNanos(System.nanoTime() - resumed).toMillis();
                break;
            }
            Thread.sleep(200);
        }
        Thread.sleep(2000);
        desks.close();
        System.out.printf("Faults (broker down 30 s): %d loans during the outage, loan-service outbox peak %d,"
                + " drained %d ms after the broker returned; %d loans in all, %d retries%n", duringOutage,
                backlog, drained, desks.acknowledgedLoans.size(), desks.retries.get());
        assertTrue(duringOutage > 0, "no lending while the broker was down");
        assertTrue(backlog > 0, "the outbox never held back an event");
        assertTrue(drained >= 0, "loan-service's outbox did not drain");
        desks.assertExactlyOnceAndConverged();
    }

    @Test
    void shouldConvergeWhenPostgresRestartsUnderLoad() throws Exception {
        Desks desks = Desks.open("数据库重启时借出的书");
        Thread.sleep(3000);
        int before = desks.acknowledgedLoans.size();
        Duration restart = cluster.restartDatabase();
        Thread.sleep(5000);
        desks.close();
        System.out.printf("Faults (PostgreSQL restarted in %d ms): %d loans before, %d in all, %d retries%n",
                restart.toMillis(), before, desks.acknowledgedLoans.size(), desks.retries.get());
        assertTrue(desks.acknowledgedLoans.size() > before, "no lending after PostgreSQL came back");
        desks.assertExactlyOnceAndConverged();
    }

    @Test
    void shouldRideOutASlowCutAndStalledNetworkToTheDatabase() throws Exception {
        try (FaultProxy network = cluster.interpose("loan", "database")) {
            Desks desks = Desks.open("网络时断时续时借出的书");
            Map<String, Integer> loansPerPhase = new LinkedHashMap<>();
            Thread.sleep(3000);
            loansPerPhase.put("before", desks.acknowledgedLoans.size());
            network.delay(Duration.ofMillis(30));
            Thread.sleep(10_000);
            network.delay(Duration.ZERO);
            loansPerPhase.put("delayed 30 ms a chunk, 10 s", desks.acknowledgedLoans.size());
            network.cut();
            Thread.sleep(10_000);
            network.pass();
            loansPerPhase.put("cut, 10 s", desks.acknowledgedLoans.size());
            Thread.sleep(3000);
            loansPerPhase.put("recovered, 3 s", desks.acknowledgedLoans.size());
            network.stall();
            Thread.sleep(10_000);
            network.pass();
            loansPerPhase.put("stalled, 10 s", desks.acknowledgedLoans.size());
            Thread.sleep(5000);
            desks.close();
            loansPerPhase.put("recovered, 5 s", desks.acknowledgedLoans.size());
            System.out.printf("Faults (loan-service to PostgreSQL through a fault proxy): cumulative loans %s,"
                    + " %d retries, %d connections%n", loansPerPhase, desks.retries.get(), network.connections());
            assertTrue(loansPerPhase.get("recovered, 5 s") > loansPerPhase.get("stalled, 10 s"),
                    "no lending after the network came back");
            desks.assertExactlyOnceAndConverged();
        } finally {
            cluster.restart("loan");
        }
    }

    /** Four librarians' desks lending and taking back the copies of one record in a loop, as clients retry. */
    private static final class Desks {
        final String recordId;
        final List<String> copies = new ArrayList<>();
        final List<String> readers = new ArrayList<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Queue<String> acknowledgedLoans = new ConcurrentLinkedQueue<>();
        final Queue<String> refusals = new ConcurrentLinkedQueue<>();
        final AtomicInteger retries = new AtomicInteger();
        final ExecutorService pool = Executors.newFixedThreadPool(4);

        private Desks(String recordId) {
            this.recordId = recordId;
        }

        static Desks open(String title) throws Exception {
            String yht = staffToken("librarian.yht");
            Desks desks = new Desks(SharedCluster.newRecord(yht, title));
            String tag = Long.toString(System.nanoTime() % 1_000_000_000L);
            for (int i = 0; i < COPIES; i++) {
                desks.copies.add(SharedCluster.newCopy(yht, desks.recordId, "YHTK" + tag + i, "YHT-MAIN"));
                String card = "FT" + tag + i;
                SharedCluster.registerReader(yht, "YHT", card, "读者" + i, "135790");
                desks.readers.add(card);
            }
            for (int desk = 0; desk < 4; desk++) {
                int first = desk;
                desks.pool.submit(() -> desks.work(yht, first));
            }
            return desks;
        }

        private Void work(String yht, int first) {
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
        }

        void close() throws InterruptedException {
            running.set(false);
            pool.shutdown();
            assertTrue(pool.awaitTermination(3, TimeUnit.MINUTES), "the desks never stopped");
        }

        /** Every acknowledged loan exists once, no other does, all were closed, both sides see every copy back. */
        void assertExactlyOnceAndConverged() throws Exception {
            assertEquals(List.of(), List.copyOf(refusals), "requests refused instead of done");
            assertTrue(acknowledgedLoans.size() >= 3 * COPIES, "too little load: " + acknowledgedLoans.size());
            String copyList = "'" + String.join("','", copies) + "'";
            String loanList = "'" + String.join("','", acknowledgedLoans) + "'";
            assertEquals(acknowledgedLoans.size(), Set.copyOf(acknowledgedLoans).size(), "a loan acknowledged twice");
            assertEquals(acknowledgedLoans.size(), count("SELECT count(*) FROM loan WHERE id IN (" + loanList + ")"),
                    "every acknowledged loan exists");
            assertEquals(acknowledgedLoans.size(), count("SELECT count(*) FROM loan l JOIN circulation_copy c"
                    + " ON c.copy_id = l.copy_id WHERE c.barcode IN (" + copyList + ")"),
                    "no loan but the acknowledged");
            assertEquals(0, count("SELECT count(*) FROM loan l JOIN circulation_copy c ON c.copy_id = l.copy_id"
                    + " WHERE c.barcode IN (" + copyList + ") AND l.status = 'OPEN'"), "every loan was closed");
            for (String barcode : copies) {
                awaitStatus(barcode, "AVAILABLE");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Integer.valueOf(COPIES).equals(given().when().get("/api/v1/records/" + recordId
                    + "/availability").then().extract().path("[0].available"))) {
                assertTrue(System.nanoTime() < deadline, "the catalog never showed every copy available again");
                Thread.sleep(200);
            }
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
        return SharedCluster.count(cluster, "loan", sql);
    }
}
