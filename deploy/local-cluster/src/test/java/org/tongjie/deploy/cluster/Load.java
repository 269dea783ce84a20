package org.tongjie.deploy.cluster;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.ArrayList;
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
import java.util.function.Predicate;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steady traffic through the gateway while faults are injected, each worker retrying as its client would
 * (writes with their Idempotency-Key, on 429, 502, 503, 504 or a refused connection):
 * <ul>
 * <li>four librarians' desks lending and taking back eight copies in a loop;</li>
 * <li>a reader waiting for a book another reader has: a hold placed, filled over the desk, the book returned;</li>
 * <li>readers ordering books home: order, packing, hand-over, the courier's webhook, the book returned.</li>
 * </ul>
 * Afterwards {@link #assertExactlyOnceAndConverged()} checks that every acknowledged loan, hold and order
 * exists exactly once, that nothing else was made, and that the catalog agrees again.
 */
final class Load implements AutoCloseable {

    static final Set<Integer> TRY_AGAIN = Set.of(429, 502, 503, 504);
    private static final int DESK_COPIES = 8;
    private static final int DELIVERY_READERS = 3;
    private static final String PIN = "135790";

    private final LocalCluster cluster;
    private final String tag = Long.toString(System.nanoTime() % 1_000_000_000L);
    private final Token yht = new Token(() -> SharedCluster.staffToken("librarian.yht"));
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<String> records = new ArrayList<>();
    private final List<String> copies = new ArrayList<>();
    private final List<String> readers = new ArrayList<>();
    final Queue<String> loans = new ConcurrentLinkedQueue<>();
    final Queue<String> holds = new ConcurrentLinkedQueue<>();
    final Queue<String> orders = new ConcurrentLinkedQueue<>();
    final Queue<String> refusals = new ConcurrentLinkedQueue<>();
    final AtomicInteger retries = new AtomicInteger();

    private Load(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /** Desks lending only. */
    static Load desks(LocalCluster cluster, String title) throws Exception {
        Load load = new Load(cluster);
        load.startDesks(title);
        return load;
    }

    /** Desks, a hold queue and home deliveries together. */
    static Load everything(LocalCluster cluster, String title) throws Exception {
        Load load = new Load(cluster);
        load.startDesks(title);
        load.startHolds(title + "（预约）");
        load.startDeliveries(title + "（网借）");
        return load;
    }

    private void startDesks(String title) throws Exception {
        String record = SharedCluster.newRecord(yht.get(), title);
        records.add(record);
        List<String> deskCopies = new ArrayList<>();
        List<String> deskReaders = new ArrayList<>();
        for (int i = 0; i < DESK_COPIES; i++) {
            deskCopies.add(copy(record, "YHTK" + tag + i));
            deskReaders.add(reader("YHT", "FT" + tag + i));
        }
        for (int desk = 0; desk < 4; desk++) {
            int first = desk;
            work(() -> {
                while (running.get()) {
                    for (int i = first; i < DESK_COPIES; i += 4) {
                        if (lend(deskReaders.get(i), deskCopies.get(i)) != null) {
                            giveBack(deskCopies.get(i));
                        }
                    }
                }
                return null;
            });
        }
    }

    private void startHolds(String title) throws Exception {
        String record = SharedCluster.newRecord(yht.get(), title);
        records.add(record);
        String barcode = copy(record, "YHTQ" + tag);
        String lender = reader("YHT", "FQ" + tag + "A");
        String waiting = reader("YHT", "FQ" + tag + "B");
        Token reader = new Token(() -> SharedCluster.readerToken(waiting, PIN));
        work(() -> {
            while (running.get()) {
                if (lend(lender, barcode) == null) {
                    continue;
                }
                String key = UUID.randomUUID().toString();
                ExtractableResponse<Response> placed = untilAnswered(() -> given().contentType(ContentType.JSON)
                        .auth().oauth2(reader.get()).header("Idempotency-Key", key).body(Map.of("recordId", record,
                        "pickupServicePointCode", "YHT-MAIN")).when().post("/api/v1/holds").then().extract());
                if (!expect(201, "hold", placed)) {
                    giveBack(barcode);
                    continue;
                }
                String hold = placed.path("id");
                holds.add(hold);
                giveBack(barcode);
                await(() -> untilAnswered(() -> given().auth().oauth2(reader.get()).when()
                        .get("/api/v1/holds/" + hold).then().extract()),
                        answer -> "OPEN_AWAITING_PICKUP".equals(answer.path("status")), "hold " + hold + " ready");
                if (lend(waiting, barcode) != null) {
                    giveBack(barcode);
                }
            }
            return null;
        });
    }

    private void startDeliveries(String title) throws Exception {
        SignedCourier courier = new SignedCourier("sf", cluster.started().carrierSecrets().secrets().get("sf"));
        String njl = SharedCluster.staffToken("librarian.njl");
        for (int i = 0; i < DELIVERY_READERS; i++) {
            String record = SharedCluster.newRecord(yht.get(), title + i);
            records.add(record);
            String barcode = copy(record, "YHTH" + tag + i);
            String card = "FD" + tag + i;
            SharedCluster.registerReader(njl, "NJL", card, "网借读者" + i, PIN);
            readers.add(card);
            Token reader = new Token(() -> SharedCluster.readerToken(card, PIN));
            String address = given().contentType(ContentType.JSON).auth().oauth2(reader.get()).body(Map.of(
                    "recipient", "读者" + i, "phone", "13900000000", "regionCode", "320114", "line",
                    "软件大道 " + i + " 号")).when().post("/api/v1/delivery-addresses").then().statusCode(201)
                    .extract().path("id");
            Map<String, Object> order = Map.of("libraryCode", "NJL", "recordIds", List.of(record), "addressId",
                    address);
            work(() -> {
                while (running.get()) {
                    deliver(reader, order, barcode, courier);
                }
                return null;
            });
        }
    }

    /** Runs a worker; one that dies (a step never finished within its time) is a failure of the run. */
    private void work(java.util.concurrent.Callable<Void> worker) {
        pool.submit(() -> {
            try {
                return worker.call();
            } catch (Exception | Error e) {
                refusals.add("a worker stopped: " + e);
                throw e;
            }
        });
    }

    /** One home delivery, from the order to the book back on its shelf. */
    private void deliver(Token reader, Map<String, Object> order, String barcode, SignedCourier courier)
            throws InterruptedException {
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> placed = untilAnswered(() -> given().contentType(ContentType.JSON).auth()
                .oauth2(reader.get()).header("Idempotency-Key", key).body(order).when()
                .post("/api/v1/delivery-orders").then().extract());
        if (!expect(201, "order", placed)) {
            Thread.sleep(500);
            return;
        }
        String orderId = placed.path("id");
        orders.add(orderId);
        String shipment = await(() -> untilAnswered(() -> given().auth().oauth2(reader.get()).when()
                .get("/api/v1/delivery-orders/" + orderId).then().extract()),
                answer -> "CONFIRMED".equals(answer.path("status")), "order " + orderId + " confirmed")
                .path("shipments[0].id");
        expect(200, "packing", untilAnswered(() -> given().contentType(ContentType.JSON).auth().oauth2(yht.get())
                .body(Map.of("barcodes", List.of(barcode))).when().post("/api/v1/shipments/" + shipment + "/packing")
                .then().extract()));
        String tracking = "SF" + UUID.randomUUID().toString().substring(0, 12);
        expect(200, "hand-over", untilAnswered(() -> given().contentType(ContentType.JSON).auth().oauth2(yht.get())
                .body(Map.of("carrier", "sf", "trackingNumber", tracking)).when()
                .post("/api/v1/shipments/" + shipment + "/hand-over").then().extract()));
        expect(200, "delivered", untilAnswered(() -> courier.reports(tracking, "DELIVERED").extract()));
        awaitCopy(barcode, "CHECKED_OUT");
        giveBack(barcode);
        awaitCopy(barcode, "AVAILABLE");
    }

    /** A check-out at 雨花台's desk with its Idempotency-Key; the loan's id, or null when refused. */
    private String lend(String card, String barcode) {
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> lent = untilAnswered(() -> given().contentType(ContentType.JSON).auth()
                .oauth2(yht.get()).header("Idempotency-Key", key).body(Map.of("cardNumber", card, "barcode",
                barcode, "servicePointCode", "YHT-MAIN")).when().post("/api/v1/circulation/check-outs").then()
                .extract());
        if (!expect(201, "check-out", lent)) {
            return null;
        }
        loans.add(lent.path("id"));
        return lent.path("id");
    }

    private void giveBack(String barcode) {
        expect(200, "check-in", untilAnswered(() -> given().contentType(ContentType.JSON).auth().oauth2(yht.get())
                .body(Map.of("barcode", barcode, "servicePointCode", "YHT-MAIN")).when()
                .post("/api/v1/circulation/check-ins").then().extract()));
    }

    private String copy(String record, String barcode) throws InterruptedException {
        copies.add(SharedCluster.newCopy(yht.get(), record, barcode, "YHT-MAIN"));
        return barcode;
    }

    private String reader(String library, String card) {
        SharedCluster.registerReader(yht.get(), library, card, "读者" + card, PIN);
        readers.add(card);
        return card;
    }

    private void awaitCopy(String barcode, String status) throws InterruptedException {
        await(() -> untilAnswered(() -> given().when().get("/api/v1/circulation/copies/" + barcode).then()
                .extract()), answer -> status.equals(answer.path("status")), barcode + " " + status);
    }

    private boolean expect(int status, String step, ExtractableResponse<Response> answer) {
        if (answer.statusCode() == status) {
            return true;
        }
        refusals.add(step + " " + answer.statusCode() + " " + answer.asString());
        return false;
    }

    /** Sends until the network gives a definite answer: the client's retry, with the same request. */
    private ExtractableResponse<Response> untilAnswered(Supplier<ExtractableResponse<Response>> request) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
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
                throw new AssertionError("no definite answer within 120 s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Polls until the answer passes the test (two minutes at most). */
    private static ExtractableResponse<Response> await(Supplier<ExtractableResponse<Response>> poll,
            Predicate<ExtractableResponse<Response>> done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            ExtractableResponse<Response> answer = poll.get();
            if (done.test(answer)) {
                return answer;
            }
            assertTrue(System.nanoTime() < deadline, "never " + what + ": " + answer.asString());
            Thread.sleep(100);
        }
    }

    /** Stops the workers after their current round. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES), "the load never stopped");
    }

    String summary() {
        return String.format("%d loans, %d holds filled, %d home deliveries, %d retries", loans.size(),
                holds.size(), orders.size(), retries.get());
    }

    /** Every acknowledged loan, hold and order exists once, nothing else does, all settled; both sides agree. */
    void assertExactlyOnceAndConverged() throws Exception {
        assertEquals(List.of(), List.copyOf(refusals), "requests refused instead of done");
        assertTrue(loans.size() >= 3 * DESK_COPIES, "too little load: " + loans.size());
        String copyList = quoted(copies);
        String readerList = quoted(readers);
        assertEquals(loans.size(), Set.copyOf(loans).size(), "a loan acknowledged twice");
        assertEquals(loans.size(), count("loan", "SELECT count(*) FROM loan WHERE id IN (" + quoted(loans) + ")"),
                "every acknowledged loan exists");
        assertEquals(loans.size() + orders.size(), count("loan", "SELECT count(*) FROM loan l JOIN circulation_copy c"
                + " ON c.copy_id = l.copy_id WHERE c.barcode IN (" + copyList + ")"),
                "no loan but the acknowledged and one per delivered order");
        assertEquals(0, count("loan", "SELECT count(*) FROM loan l JOIN circulation_copy c ON c.copy_id = l.copy_id"
                + " WHERE c.barcode IN (" + copyList + ") AND l.status = 'OPEN'"), "every loan was closed");
        assertEquals(holds.size(), Set.copyOf(holds).size(), "a hold acknowledged twice");
        assertEquals(holds.size(), count("loan", "SELECT count(*) FROM hold WHERE id IN (" + quoted(holds)
                + ") AND status = 'CLOSED_FILLED'"), "every acknowledged hold filled");
        assertEquals(holds.size() + orders.size(), count("loan", "SELECT count(*) FROM hold h JOIN patron p"
                + " ON p.id = h.patron_id WHERE p.card_number IN (" + readerList + ")"),
                "no hold but the acknowledged and one per order");
        assertEquals(0, count("loan", "SELECT count(*) FROM hold h JOIN patron p ON p.id = h.patron_id"
                + " WHERE p.card_number IN (" + readerList + ") AND h.status LIKE 'OPEN%'"), "no hold left open");
        assertEquals(orders.size(), Set.copyOf(orders).size(), "an order acknowledged twice");
        assertEquals(orders.size(), count("delivery", "SELECT count(*) FROM delivery_order WHERE id IN ("
                + quoted(orders) + ") AND status = 'COMPLETED'"), "every order completed");
        assertEquals(orders.size(), count("delivery", "SELECT count(*) FROM delivery_order WHERE card_number IN ("
                + readerList + ")"), "no order but the acknowledged");
        for (String barcode : copies) {
            awaitCopy(barcode, "AVAILABLE");
        }
        for (String record : records) {
            long available = count("catalog", "SELECT count(*) FROM copy WHERE record_id = '" + record + "'");
            await(() -> given().when().get("/api/v1/records/" + record + "/availability").then().extract(),
                    answer -> Integer.valueOf((int) available).equals(answer.path("[0].available")),
                    "every copy of " + record + " available in the catalog");
        }
    }

    private long count(String database, String sql) throws Exception {
        return SharedCluster.count(cluster, database, sql);
    }

    private static String quoted(java.util.Collection<String> values) {
        return values.isEmpty() ? "NULL" : "'" + String.join("','", values) + "'";
    }

    /** A token renewed before it expires (tokens live 15 minutes), kept when renewal fails for a while. */
    private static final class Token {
        private final Supplier<String> fetch;
        private String value;
        private long fetchedAt;

        Token(Supplier<String> fetch) {
            this.fetch = fetch;
            this.value = fetch.get();
            this.fetchedAt = System.nanoTime();
        }

        synchronized String get() {
            if (System.nanoTime() - fetchedAt > Duration.ofMinutes(10).toNanos()) {
                try {
                    value = fetch.get();
                    fetchedAt = System.nanoTime();
                } catch (RuntimeException | AssertionError unreachable) {
                    // The gateway is down just now: the old token is still good for a few minutes.
                }
            }
            return value;
        }
    }
}
