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

    @Test
    void shouldDeliverEachOrderOnceWhenDeliveryServiceIsKilledUnderDeliveryLoad() throws Exception {
        Deliveries deliveries = Deliveries.open("送到家的书");
        Thread.sleep(8000);
        Map<String, Duration> restarts = new LinkedHashMap<>();
        for (int round = 1; round <= 2; round++) {
            cluster.kill("delivery");
            Thread.sleep(1000);
            restarts.put("delivery #" + round, cluster.restart("delivery"));
            Thread.sleep(8000);
        }
        deliveries.close();
        System.out.printf("Faults (kill -9 delivery-service twice): %d home deliveries ordered, packed, handed"
                + " over, delivered and returned, %d retries, restarts %s%n", deliveries.orders.size(),
                deliveries.retries.get(), restarts);
        deliveries.assertExactlyOnceAndConverged();
    }

    /**
     * Readers ordering books home in a loop, each round through the whole flow while clients retry: the order
     * (with its Idempotency-Key), the library packing and handing the parcel to the courier, the courier's
     * webhook reporting it delivered (which opens the loan), and the book coming back over the desk.
     */
    private static final class Deliveries {
        static final int READERS = 3;
        final String yht = staffToken("librarian.yht");
        final List<String> records = new ArrayList<>();
        final List<String> copies = new ArrayList<>();
        final List<String> readers = new ArrayList<>();
        final List<String> readerTokens = new ArrayList<>();
        final List<String> addresses = new ArrayList<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Queue<String> orders = new ConcurrentLinkedQueue<>();
        final Queue<String> refusals = new ConcurrentLinkedQueue<>();
        final AtomicInteger retries = new AtomicInteger();
        final ExecutorService pool = Executors.newFixedThreadPool(READERS);
        final SignedCourier courier = new SignedCourier("sf", cluster.started().carrierSecrets().secrets().get("sf"));

        static Deliveries open(String title) throws Exception {
            Deliveries d = new Deliveries();
            String njl = staffToken("librarian.njl");
            String tag = Long.toString(System.nanoTime() % 1_000_000_000L);
            for (int i = 0; i < READERS; i++) {
                String record = SharedCluster.newRecord(d.yht, title + i);
                d.records.add(record);
                d.copies.add(SharedCluster.newCopy(d.yht, record, "YHTH" + tag + i, "YHT-MAIN"));
                String card = "FD" + tag + i;
                SharedCluster.registerReader(njl, "NJL", card, "网借读者" + i, "135790");
                d.readers.add(card);
                String token = SharedCluster.readerToken(card, "135790");
                d.readerTokens.add(token);
                d.addresses.add(given().contentType(ContentType.JSON).auth().oauth2(token).body(Map.of("recipient",
                        "读者" + i, "phone", "13900000000", "regionCode", "320114", "line", "软件大道 " + i + " 号"))
                        .when().post("/api/v1/delivery-addresses").then().statusCode(201).extract().path("id"));
            }
            for (int i = 0; i < READERS; i++) {
                int reader = i;
                d.pool.submit(() -> d.work(reader));
            }
            return d;
        }

        private Void work(int i) throws InterruptedException {
            String reader = readerTokens.get(i);
            Map<String, Object> order = Map.of("libraryCode", "NJL", "recordIds", List.of(records.get(i)),
                    "addressId", addresses.get(i));
            while (running.get()) {
                String key = UUID.randomUUID().toString();
                ExtractableResponse<Response> placed = untilAnswered(retries, () -> given()
                        .contentType(ContentType.JSON).auth().oauth2(reader).header("Idempotency-Key", key)
                        .body(order).when().post("/api/v1/delivery-orders").then().extract());
                if (placed.statusCode() != 201) {
                    refusals.add("order " + placed.statusCode() + " " + placed.asString());
                    Thread.sleep(500);
                    continue;
                }
                String orderId = placed.path("id");
                orders.add(orderId);
                String shipment = await(() -> untilAnswered(retries, () -> given().auth().oauth2(reader).when()
                        .get("/api/v1/delivery-orders/" + orderId).then().extract()),
                        answer -> "CONFIRMED".equals(answer.path("status")), "order " + orderId + " confirmed")
                        .path("shipments[0].id");
                expect(200, "packing", untilAnswered(retries, () -> given().contentType(ContentType.JSON).auth()
                        .oauth2(yht).body(Map.of("barcodes", List.of(copies.get(i)))).when()
                        .post("/api/v1/shipments/" + shipment + "/packing").then().extract()));
                String tracking = "SF" + UUID.randomUUID().toString().substring(0, 12);
                expect(200, "hand-over", untilAnswered(retries, () -> given().contentType(ContentType.JSON).auth()
                        .oauth2(yht).body(Map.of("carrier", "sf", "trackingNumber", tracking)).when()
                        .post("/api/v1/shipments/" + shipment + "/hand-over").then().extract()));
                expect(200, "delivered", untilAnswered(retries, () -> courier.reports(tracking, "DELIVERED")
                        .extract()));
                awaitCopy(copies.get(i), "CHECKED_OUT");
                expect(200, "check-in", untilAnswered(retries, () -> given().contentType(ContentType.JSON).auth()
                        .oauth2(yht).body(Map.of("barcode", copies.get(i), "servicePointCode", "YHT-MAIN")).when()
                        .post("/api/v1/circulation/check-ins").then().extract()));
                awaitCopy(copies.get(i), "AVAILABLE");
            }
            return null;
        }

        private void awaitCopy(String barcode, String status) throws InterruptedException {
            await(() -> untilAnswered(retries, () -> given().when().get("/api/v1/circulation/copies/" + barcode)
                    .then().extract()), answer -> status.equals(answer.path("status")), barcode + " " + status);
        }

        private void expect(int status, String step, ExtractableResponse<Response> answer) {
            if (answer.statusCode() != status) {
                refusals.add(step + " " + answer.statusCode() + " " + answer.asString());
            }
        }

        void close() throws InterruptedException {
            running.set(false);
            pool.shutdown();
            assertTrue(pool.awaitTermination(3, TimeUnit.MINUTES), "the readers never stopped");
        }

        /** Each acknowledged order exists once and was completed by one loan; no other order or loan exists. */
        void assertExactlyOnceAndConverged() throws Exception {
            assertEquals(List.of(), List.copyOf(refusals), "requests refused instead of done");
            assertTrue(orders.size() >= 2 * READERS, "too little load: " + orders.size());
            String orderList = "'" + String.join("','", orders) + "'";
            String readerList = "'" + String.join("','", readers) + "'";
            String copyList = "'" + String.join("','", copies) + "'";
            assertEquals(orders.size(), Set.copyOf(orders).size(), "an order acknowledged twice");
            assertEquals(orders.size(), SharedCluster.count(cluster, "delivery", "SELECT count(*) FROM delivery_order"
                    + " WHERE id IN (" + orderList + ") AND status = 'COMPLETED'"), "every order completed");
            assertEquals(orders.size(), SharedCluster.count(cluster, "delivery", "SELECT count(*) FROM delivery_order"
                    + " WHERE card_number IN (" + readerList + ")"), "no order but the acknowledged");
            assertEquals(orders.size(), count("SELECT count(*) FROM loan l JOIN circulation_copy c"
                    + " ON c.copy_id = l.copy_id WHERE c.barcode IN (" + copyList + ")"), "one loan per order");
            assertEquals(0, count("SELECT count(*) FROM loan l JOIN circulation_copy c ON c.copy_id = l.copy_id"
                    + " WHERE c.barcode IN (" + copyList + ") AND l.status = 'OPEN'"), "every loan was closed");
            assertEquals(0, count("SELECT count(*) FROM hold h JOIN patron p ON p.id = h.patron_id"
                    + " WHERE p.card_number IN (" + readerList + ") AND h.status LIKE 'OPEN%'"), "no hold left open");
            for (String record : records) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!Integer.valueOf(1).equals(given().when().get("/api/v1/records/" + record + "/availability")
                        .then().extract().path("[0].available"))) {
                    assertTrue(System.nanoTime() < deadline, "the catalog never showed the copy available again");
                    Thread.sleep(200);
                }
            }
        }
    }

    /** Polls until the answer passes the test (a minute at most). */
    private static ExtractableResponse<Response> await(Supplier<ExtractableResponse<Response>> poll,
            java.util.function.Predicate<ExtractableResponse<Response>> done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            ExtractableResponse<Response> answer = poll.get();
            if (done.test(answer)) {
                return answer;
            }
            assertTrue(System.nanoTime() < deadline, "never " + what + ": " + answer.asString());
            Thread.sleep(100);
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
