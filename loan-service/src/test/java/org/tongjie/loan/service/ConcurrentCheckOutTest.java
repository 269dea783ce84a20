package org.tongjie.loan.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.Tokens;
import org.tongjie.loan.fixtures.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ConcurrentCheckOutTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldLendOneCopyExactlyOnceWhenAHundredCheckOutsRace() throws Exception {
        Network network = new Network(bootstrapServers, dataSource);
        String library = network.library("YHT", null);
        String copy = network.copy(library, "STANDARD");
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            readers.add(network.patron(library, "ADULT"));
        }
        List<Callable<Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String reader = readers.get(i % readers.size());
            attempts.add(() -> checkOut(library, reader, copy));
        }
        List<Integer> statuses = race(attempts).stream().map(Response::statusCode).toList();
        Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(Map.of(201, 1L, 409, 99L), byStatus);
        assertEquals(1, network.count("SELECT count(*) FROM loan l JOIN circulation_copy c ON c.copy_id = l.copy_id"
                + " WHERE c.barcode = '" + copy + "'"));
    }

    @Test
    void shouldNeverLendPastTheLoanLimitWhenOneReaderChecksOutManyCopiesAtOnce() throws Exception {
        Network network = new Network(bootstrapServers, dataSource);
        String library = network.library("YHT", null);
        Map<String, Object> policy = new java.util.HashMap<>(Map.of("libraryCode", library, "loanDays", 30,
                "renewalsAllowed", 1, "renewalDays", 30, "maxLoans", 3, "maxHolds", 5, "finePerDayFen", 10,
                "fineCapFen", 1000, "graceDays", 0, "holdShelfDays", 7));
        policy.put("blockAtFineFen", 1000);
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.admin(library)).body(policy)
                .when().post("/loan-policies").then().statusCode(201);
        String reader = network.patron(library, "ADULT");
        List<Callable<Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String copy = network.copy(library, "STANDARD");
            attempts.add(() -> checkOut(library, reader, copy));
        }

        Map<String, Long> outcomes = race(attempts).stream().collect(Collectors.groupingBy(
                r -> r.statusCode() == 201 ? "201" : r.statusCode() + " " + r.path("code"), Collectors.counting()));

        assertEquals(Map.of("201", 3L, "422 LOAN_LIMIT_REACHED", 27L), outcomes);
        assertEquals(3, network.count("SELECT count(*) FROM loan l JOIN patron p ON p.id = l.patron_id"
                + " WHERE p.card_number = '" + reader + "'"));
    }

    @Test
    void shouldKeepOneCopysLoansAndStatusInStepWhenCheckInsRaceCheckOuts() throws Exception {
        Network network = new Network(bootstrapServers, dataSource);
        String library = network.library("YHT", null);
        String copy = network.copy(library, "STANDARD");
        List<Callable<Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String reader = network.patron(library, "ADULT");
            attempts.add(() -> checkOut(library, reader, copy));
            attempts.add(() -> given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library))
                    .body(Map.of("barcode", copy, "servicePointCode", library + "-DESK"))
                    .when().post("/circulation/check-ins"));
        }

        List<Response> responses = race(attempts);

        long lent = responses.stream().filter(r -> r.statusCode() == 201).count();
        long closed = responses.stream().filter(r -> r.statusCode() == 200 && r.path("closedLoan") != null).count();
        assertEquals(80, responses.stream().filter(r -> r.statusCode() == 201 || r.statusCode() == 200
                || r.statusCode() == 409).count(), "every attempt lends, takes in or is refused as unavailable");
        String where = " WHERE copy_id = (SELECT copy_id FROM circulation_copy WHERE barcode = '" + copy + "')";
        long open = network.count("SELECT count(*) FROM loan" + where + " AND status = 'OPEN'");
        assertEquals(lent, network.count("SELECT count(*) FROM loan" + where));
        assertEquals(closed, network.count("SELECT count(*) FROM loan" + where + " AND status = 'CLOSED'"));
        assertEquals(lent - closed, open);
        assertEquals(open == 1 ? "CHECKED_OUT" : "AVAILABLE",
                network.text("SELECT status FROM circulation_copy WHERE barcode = '" + copy + "'"));
    }

    /** A check-out at the library's desk, as the desk sends it. */
    private static Response checkOut(String library, String card, String barcode) {
        return given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library))
                .body(Map.of("cardNumber", card, "barcode", barcode, "servicePointCode", library + "-DESK"))
                .when().post("/circulation/check-outs");
    }

    /** Sends every attempt at once and returns the responses in order. */
    private static List<Response> race(List<Callable<Response>> attempts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
        try {
            List<Response> responses = new ArrayList<>();
            for (Future<Response> attempt : pool.invokeAll(attempts)) {
                responses.add(attempt.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldNeverBothLendACopyAndPromiseItToAHoldWhenTheyRace() throws Exception {
        Network network = new Network(bootstrapServers, dataSource);
        String library = network.library("YHT", null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 15; round++) {
                String borrower = network.patron(library, "ADULT");
                String holder = network.patron(library, "ADULT");
                java.util.UUID record = java.util.UUID.randomUUID();
                String copy = network.copy(library, "STANDARD", record);
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                Future<Response> checkOut = pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library))
                            .body(Map.of("cardNumber", borrower, "barcode", copy, "servicePointCode",
                                    library + "-DESK")).when().post("/circulation/check-outs");
                });
                Future<Response> hold = pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).auth().oauth2(Tokens.patron(holder))
                            .body(Map.of("recordId", record, "pickupServicePointCode", library + "-DESK"))
                            .when().post("/holds");
                });
                start.countDown();
                int lent = checkOut.get().statusCode();
                Response placed = hold.get();
                assertEquals(201, placed.statusCode());
                String holdStatus = placed.jsonPath().getString("status");
                long loans = network.count("SELECT count(*) FROM loan l JOIN circulation_copy c ON"
                        + " c.copy_id = l.copy_id WHERE c.barcode = '" + copy + "' AND l.status = 'OPEN'");
                long promised = network.count("SELECT count(*) FROM hold h JOIN circulation_copy c ON"
                        + " c.copy_id = h.copy_id WHERE c.barcode = '" + copy + "' AND h.status LIKE 'OPEN%'");
                if (lent == 201) {
                    assertEquals("OPEN_NOT_YET_FILLED", holdStatus, "round " + round);
                    assertEquals(List.of(1L, 0L), List.of(loans, promised), "round " + round);
                } else {
                    assertEquals(409, lent, "round " + round);
                    assertEquals("OPEN_AWAITING_PICKUP", holdStatus, "round " + round);
                    assertEquals(List.of(0L, 1L), List.of(loans, promised), "round " + round);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldKeepTheQueueInOrderAndPromiseEachCopyOnceWhenHoldsAndReturnsRace() throws Exception {
        Network network = new Network(bootstrapServers, dataSource);
        String library = network.library("YHT", null);
        String desk = library + "-DESK";
        java.util.UUID record = java.util.UUID.randomUUID();
        List<String> copies = List.of(network.copy(library, "STANDARD", record),
                network.copy(library, "STANDARD", record));
        for (String copy : copies) {
            given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library)).body(Map.of("cardNumber",
                    network.patron(library, "ADULT"), "barcode", copy, "servicePointCode", desk)).when()
                    .post("/circulation/check-outs").then().statusCode(201);
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<String>> placements = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String reader = network.patron(library, "ADULT");
                placements.add(() -> given().contentType(ContentType.JSON).auth().oauth2(Tokens.patron(reader))
                        .body(Map.of("recordId", record, "pickupServicePointCode", desk)).when().post("/holds").then()
                        .statusCode(201).extract().path("id"));
            }
            List<String> holds = new ArrayList<>();
            for (Future<String> placed : pool.invokeAll(placements)) {
                holds.add(placed.get());
            }
            assertEquals(positions(20), queue(holds, library), "twenty holds placed at once: positions 1 to 20");
            List<String> first = holds.stream().sorted(java.util.Comparator.comparing(h -> queue(List.of(h), library)
                    .get(0))).limit(2).toList();

            List<Callable<Integer>> returns = new ArrayList<>();
            for (String copy : copies) {
                returns.add(() -> given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library))
                        .body(Map.of("barcode", copy, "servicePointCode", desk)).when().post("/circulation/check-ins")
                        .statusCode());
            }
            for (Future<Integer> returned : pool.invokeAll(returns)) {
                assertEquals(200, returned.get());
            }
            assertEquals(2, network.count("SELECT count(DISTINCT copy_id) FROM hold WHERE record_id = '" + record
                    + "' AND status = 'OPEN_AWAITING_PICKUP'"), "each returned copy promised to one hold");
            assertEquals(2, network.count("SELECT count(*) FROM hold WHERE id IN ('" + String.join("','", first)
                    + "') AND status = 'OPEN_AWAITING_PICKUP'"), "to the first two in the queue");
            List<String> waiting = holds.stream().filter(h -> !first.contains(h)).toList();
            assertEquals(positions(18), queue(waiting, library), "the others moved up: positions 1 to 18");
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Long> positions(int n) {
        return java.util.stream.LongStream.rangeClosed(1, n).boxed().toList();
    }

    /** The queue positions the holds' readers are shown, in ascending order. */
    private static List<Long> queue(List<String> holds, String library) {
        return holds.stream().map(h -> given().auth().oauth2(Tokens.librarian(library)).when().get("/holds/" + h)
                .then().statusCode(200).extract().jsonPath().getLong("queuePosition")).sorted().toList();
    }

    @Test
    void shouldLendOnceForARetriedCheckOutWithTheSameIdempotencyKey() {
        Network network = new Network(bootstrapServers, dataSource);
        String library = network.library("YHT", null);
        String copy = network.copy(library, "STANDARD");
        String reader = network.patron(library, "ADULT");
        Map<String, Object> body = Map.of("cardNumber", reader, "barcode", copy, "servicePointCode", library + "-DESK");
        String first = given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library))
                .header("Idempotency-Key", "desk-7-" + copy).body(body).when().post("/circulation/check-outs").then()
                .statusCode(201).extract().path("id");
        String retry = given().contentType(ContentType.JSON).auth().oauth2(Tokens.librarian(library))
                .header("Idempotency-Key", "desk-7-" + copy).body(body).when().post("/circulation/check-outs").then()
                .statusCode(201).header("Idempotent-Replayed", "true").extract().path("id");
        assertEquals(first, retry);
        assertEquals(1, network.count("SELECT count(*) FROM loan l JOIN circulation_copy c ON c.copy_id = l.copy_id"
                + " WHERE c.barcode = '" + copy + "'"));
    }
}
