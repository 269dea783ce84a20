package org.tongjie.catalog.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tongjie.catalog.fixtures.CatalogApi;
import org.tongjie.catalog.fixtures.Libraries;
import org.tongjie.deploy.testinfra.TopicReader;
import org.tongjie.deploy.testinfra.Tokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class IdempotencyTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void shouldReplayTheFirstResponseAndRegisterTheCopyOnceWhenARequestIsRetried() {
        Map<String, Object> copy = newCopy();
        String key = UUID.randomUUID().toString();
        Response first = register(copy, key);
        Response retry = register(copy, key);

        assertEquals(201, first.statusCode());
        assertEquals(201, retry.statusCode());
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(first.jsonPath().getString("id"), retry.jsonPath().getString("id"));
        assertEquals(1, copyRegisteredEventsFor((String) copy.get("barcode")));
    }

    @Test
    void shouldRegisterOnceWhenTenRetriesWithOneKeyRace() throws Exception {
        Map<String, Object> copy = newCopy();
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Response>> retries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                retries.add(() -> register(copy, key));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : pool.invokeAll(retries)) {
                responses.add(future.get());
            }
            assertEquals(Set.of(201), responses.stream().map(Response::statusCode).collect(Collectors.toSet()));
            assertEquals(1, responses.stream().map(r -> r.jsonPath().getString("id")).distinct().count());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, copyRegisteredEventsFor((String) copy.get("barcode")));
    }

    @Test
    void shouldRefuseTheSameKeyForADifferentRequest() {
        Map<String, Object> copy = newCopy();
        String key = UUID.randomUUID().toString();
        assertEquals(201, register(copy, key).statusCode());
        Map<String, Object> other = new java.util.HashMap<>(copy);
        other.put("barcode", "O" + System.nanoTime());
        register(other, key).then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"))
                .body("field", equalTo("Idempotency-Key"));
        given().when().get("/copies/" + other.get("barcode")).then().statusCode(404);
    }

    @Test
    void shouldLetAFailedRequestBeCorrectedAndRetriedWithTheSameKey() {
        Map<String, Object> copy = newCopy();
        Map<String, Object> wrong = new java.util.HashMap<>(copy);
        wrong.put("homeServicePointCode", "NO-SUCH-POINT");
        String key = UUID.randomUUID().toString();
        register(wrong, key).then().statusCode(422).body("code", equalTo("SERVICE_POINT_UNKNOWN"));
        register(copy, key).then().statusCode(201);
    }

    @Test
    void shouldRefuseAMalformedKey() {
        register(newCopy(), "x".repeat(129)).then().statusCode(400).body("code", equalTo("INVALID_IDEMPOTENCY_KEY"));
    }

    private static Map<String, Object> newCopy() {
        String city = Libraries.unique("JLL");
        CatalogApi.cityWithDesk(city, city + "-DESK");
        String recordId = CatalogApi.record(Tokens.librarian(city), Libraries.hongLouMeng(CopyResourceTest.randomIsbn()));
        return Map.of("barcode", "I" + System.nanoTime(), "recordId", recordId, "homeServicePointCode",
                city + "-DESK", "libraryToken", Tokens.librarian(city));
    }

    private static Response register(Map<String, Object> copy, String key) {
        Map<String, Object> body = new java.util.HashMap<>(copy);
        String token = (String) body.remove("libraryToken");
        return given().contentType(ContentType.JSON).auth().oauth2(token).header("Idempotency-Key", key).body(body)
                .when().post("/copies");
    }

    private long copyRegisteredEventsFor(String barcode) {
        try (TopicReader reader = new TopicReader(bootstrapServers, "catalog.copies")) {
            reader.readUntil(seen -> seen.stream().anyMatch(r -> r.value().contains(barcode)), Duration.ofSeconds(20));
            List<ConsumerRecord<String, String>> all = reader.readFor(Duration.ofSeconds(1));
            return all.stream().filter(r -> r.value().contains("\"" + barcode + "\"")).count();
        }
    }
}
