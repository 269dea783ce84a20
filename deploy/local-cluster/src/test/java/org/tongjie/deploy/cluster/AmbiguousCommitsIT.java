package org.tongjie.deploy.cluster;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tongjie.deploy.cluster.SharedCluster.staffToken;

/**
 * Ambiguous commits, forced: the request reaches the service and commits, and the answer is lost on the way
 * back (a {@link FaultProxy} swallows it). The client cannot know whether it took effect, so it sends the same
 * request with the same Idempotency-Key again: there is one effect, and the retry gets the answer the lost one
 * would have been, marked as replayed.
 */
class AmbiguousCommitsIT extends OnSharedCluster {

    private static final Set<Integer> IN_DOUBT = Set.of(502, 503, 504);

    /** A write that takes an Idempotency-Key, and the query that counts its effect in a service's database. */
    private record Write(String what, String token, String path, Object body, int status, String database,
            String effect) {
    }

    @Test
    void shouldGiveOneEffectAndTheSameAnswerWhenAnAnswerIsLostBetweenTheGatewayAndTheClient() throws Exception {
        String yht = staffToken("librarian.yht");
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L);
        String card = "AC" + tag;
        String title = "答复丢失的书" + tag;
        String barcode = "YHTA" + tag;
        try (FaultProxy lastMile = FaultProxy.start("client-gateway", cluster.started().servicePorts()
                .get("gateway"))) {
            String recordId = lostThenReplayed(lastMile, new Write("record", yht, "/api/v1/records",
                    Map.of("title", title), 201, "catalog", "SELECT count(*) FROM bib_record WHERE title = '" + title
                    + "'")).path("id");
            lostThenReplayed(lastMile, new Write("copy", yht, "/api/v1/copies", Map.of("barcode", barcode,
                    "recordId", recordId, "homeServicePointCode", "YHT-MAIN"), 201, "catalog",
                    "SELECT count(*) FROM copy WHERE barcode = '" + barcode + "'"));
            SharedCluster.awaitStatus(barcode, "AVAILABLE");
            lostThenReplayed(lastMile, new Write("reader", yht, "/api/v1/patrons", Map.of("cardNumber", card,
                    "name", "重试的读者", "patronType", "ADULT", "homeLibrary", "YHT", "pin", "246810"), 201, "loan",
                    "SELECT count(*) FROM patron WHERE card_number = '" + card + "'"));
            String other = "AD" + tag;
            SharedCluster.registerReader(yht, "YHT", other, "等书的读者", "246810");
            ExtractableResponse<Response> loan = lostThenReplayed(lastMile, new Write("check-out", yht,
                    "/api/v1/circulation/check-outs", Map.of("cardNumber", card, "barcode", barcode,
                    "servicePointCode", "YHT-MAIN"), 201, "loan", "SELECT count(*) FROM loan l JOIN circulation_copy"
                    + " c ON c.copy_id = l.copy_id WHERE c.barcode = '" + barcode + "'"));
            assertEquals(barcode, loan.path("barcode"));
            assertEquals("OPEN", loan.path("status"));
            String reader = SharedCluster.readerToken(other, "246810");
            lostThenReplayed(lastMile, new Write("hold", reader, "/api/v1/holds", Map.of("recordId", recordId,
                    "pickupServicePointCode", "YHT-MAIN"), 201, "loan", "SELECT count(*) FROM hold h JOIN patron p"
                    + " ON p.id = h.patron_id WHERE p.card_number = '" + other + "'"));

            String address = given().contentType(ContentType.JSON).auth().oauth2(reader).body(Map.of("recipient",
                    "王芳", "phone", "13900000000", "regionCode", "320114", "line", "雨花台区软件大道 101 号")).when()
                    .post("/api/v1/delivery-addresses").then().statusCode(201).extract().path("id");
            Map<String, Object> order = Map.of("libraryCode", "NJL", "recordIds", List.of(recordId), "addressId",
                    address);
            awaitQuote(reader, order);
            lostThenReplayed(lastMile, new Write("delivery order", reader, "/api/v1/delivery-orders", order, 201,
                    "delivery", "SELECT count(*) FROM delivery_order WHERE card_number = '" + other + "'"));
            System.out.printf("Ambiguous commits (client to gateway): %d answers lost after the commit, each"
                    + " retried once with one effect%n", lastMile.droppedAnswers());
            assertEquals(6, lastMile.droppedAnswers());
        }
    }

    @Test
    void shouldAnswerInDoubtAndThenReplayWhenTheGatewayLosesTheServicesAnswer() throws Exception {
        String yht = staffToken("librarian.yht");
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L);
        String card = "AE" + tag;
        SharedCluster.registerReader(yht, "YHT", card, "隔着网关的读者", "246810");
        String recordId = SharedCluster.newRecord(yht, "网关收不到答复的书");
        String barcode = SharedCluster.newCopy(yht, recordId, "YHTB" + tag, "YHT-MAIN");
        Map<String, String> checkOut = Map.of("cardNumber", card, "barcode", barcode, "servicePointCode", "YHT-MAIN");
        String loans = "SELECT count(*) FROM loan l JOIN circulation_copy c ON c.copy_id = l.copy_id"
                + " WHERE c.barcode = '" + barcode + "'";
        try (FaultProxy toLoan = cluster.interpose("gateway", "loan")) {
            String key = UUID.randomUUID().toString();
            toLoan.dropAnswers();
            ExtractableResponse<Response> inDoubt = send(yht, key, checkOut, "/api/v1/circulation/check-outs");
            toLoan.pass();
            assertTrue(IN_DOUBT.contains(inDoubt.statusCode()), "in doubt: " + inDoubt.statusCode() + " "
                    + inDoubt.asString());
            assertEquals("application/problem+json", inDoubt.contentType().split(";")[0]);
            assertEquals(1, toLoan.droppedAnswers());
            assertEquals(1, SharedCluster.count(cluster, "loan", loans), "the check-out committed");
            ExtractableResponse<Response> retried = send(yht, key, checkOut, "/api/v1/circulation/check-outs");
            assertEquals(201, retried.statusCode(), retried.asString());
            assertEquals("true", retried.header("Idempotent-Replayed"));
            assertEquals(barcode, retried.path("barcode"));
            assertEquals(1, SharedCluster.count(cluster, "loan", loans), "one loan after the retry");
            System.out.printf("Ambiguous commits (gateway to loan-service): answered %d %s, retried: %d replayed%n",
                    inDoubt.statusCode(), inDoubt.path("code"), retried.statusCode());
        } finally {
            cluster.restart("gateway");
        }
        given().contentType(ContentType.JSON).auth().oauth2(yht).body(Map.of("barcode", barcode, "servicePointCode",
                "YHT-MAIN")).when().post("/api/v1/circulation/check-ins").then().statusCode(200);
    }

    /**
     * Sends the write through the proxy while it swallows answers: the client gets no answer, yet the effect
     * is there. Then sends it twice more with the same key straight to the gateway: both replay one answer.
     */
    private static ExtractableResponse<Response> lostThenReplayed(FaultProxy proxy, Write write) throws Exception {
        assertEquals(0, SharedCluster.count(cluster, write.database(), write.effect()), write.what() + " is new");
        String key = UUID.randomUUID().toString();
        long lost = proxy.droppedAnswers();
        proxy.dropAnswers();
        try {
            assertThrows(Exception.class, () -> request(write.token(), key, write.body())
                    .baseUri("http://127.0.0.1").port(proxy.port())
                    .post(write.path()), write.what() + ": an answer came through");
        } finally {
            proxy.pass();
        }
        assertEquals(lost + 1, proxy.droppedAnswers(), write.what() + ": the answer was not the one lost");
        assertEquals(1, SharedCluster.count(cluster, write.database(), write.effect()),
                write.what() + " committed before its answer was lost");
        ExtractableResponse<Response> first = send(write.token(), key, write.body(), write.path());
        ExtractableResponse<Response> second = send(write.token(), key, write.body(), write.path());
        for (ExtractableResponse<Response> retry : List.of(first, second)) {
            assertEquals(write.status(), retry.statusCode(), write.what() + ": " + retry.asString());
            assertEquals("true", retry.header("Idempotent-Replayed"), write.what() + " replayed");
        }
        assertEquals(first.asString(), second.asString(), write.what() + ": the same answer each time");
        assertEquals(first.header("Location"), second.header("Location"));
        assertNotNull(first.header("Location"), write.what() + ": the answer names what was made");
        assertEquals(1, SharedCluster.count(cluster, write.database(), write.effect()),
                write.what() + ": one effect after the retries");
        return first;
    }

    private static RequestSpecification request(String token, String key, Object body) {
        return given().contentType(ContentType.JSON).auth().oauth2(token).header("Idempotency-Key", key).body(body)
                .when();
    }

    private static ExtractableResponse<Response> send(String token, String key, Object body, String path) {
        return request(token, key, body).post(path).then().extract();
    }

    private static void awaitQuote(String reader, Map<String, Object> order) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (given().contentType(ContentType.JSON).auth().oauth2(reader).body(order).when()
                .post("/api/v1/delivery-quotes").then().extract().statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "delivery never learnt the record");
            Thread.sleep(100);
        }
    }
}
