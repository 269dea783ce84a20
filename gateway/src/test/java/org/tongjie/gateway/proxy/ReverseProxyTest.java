package org.tongjie.gateway.proxy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.tongjie.deploy.testinfra.Tokens;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ReverseProxyTest {

    @Inject
    Upstreams upstreams;

    @Test
    void shouldForwardPathQueryHeadersAndBodyToTheOwningService() {
        String token = Tokens.librarian("YHT");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token).header("X-Request-Id", "req-42")
                .body("{\"title\":\"红楼梦\"}").queryParam("q", "hongloumeng")
                .when().post("/api/v1/records/batch").then().statusCode(201)
                .header("X-Request-Id", "req-42")
                .body("method", equalTo("POST")).body("uri", equalTo("/records/batch?q=hongloumeng"))
                .body("authorization", equalTo("Bearer " + token)).body("requestId", equalTo("req-42"))
                .body("body.title", equalTo("红楼梦"));
    }

    @Test
    void shouldNeverLetTheBodyOfAGetSpillIntoTheNextRequestOnAPooledConnection() {
        for (int i = 0; i < 20; i++) {
            given().contentType(ContentType.JSON).body("{\"spill\":" + i + "}").when().get("/api/v1/records/g" + i)
                    .then().statusCode(200).body("method", equalTo("GET")).body("uri", equalTo("/records/g" + i))
                    .body("body", org.hamcrest.Matchers.nullValue());
            given().contentType(ContentType.JSON).body("{\"n\":" + i + "}").when().post("/api/v1/records/p" + i)
                    .then().statusCode(201).body("method", equalTo("POST")).body("uri", equalTo("/records/p" + i))
                    .body("body.n", equalTo(i));
        }
    }

    @Test
    void shouldCarryTheCallersTraceOnToTheServiceAndStartOneWhenThereIsNone() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String sent = given().header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01").when()
                .get("/api/v1/records/traced").then().statusCode(200).extract().path("traceparent");
        assertTrue(sent.startsWith("00-" + trace + "-"), sent);
        String started = given().when().get("/api/v1/records/untraced").then().statusCode(200).extract()
                .path("traceparent");
        assertTrue(started.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"), started);
    }

    @Test
    void shouldRewriteTheServicesLocationToTheGatewayAddress() {
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/libraries").then().statusCode(201)
                .header("Location", matchesPattern("http://[^/]+/api/v1/libraries/created"));
    }

    @Test
    void shouldGiveEveryResponseARequestId() {
        given().when().get("/api/v1/libraries").then().statusCode(200)
                .header("X-Request-Id", notNullValue()).body("requestId", notNullValue());
    }

    @Test
    void shouldAnswerServiceUnavailableWithAProblemWhenTheServiceIsDown() {
        given().when().get("/api/v1/loans").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5").body("code", equalTo("UPSTREAM_UNAVAILABLE"));
    }

    @Test
    void shouldGiveUpOnASlowServiceButWaitLongerForABulkSync() {
        given().when().get("/api/v1/records/slow").then().statusCode(504).contentType("application/problem+json")
                .body("code", equalTo("UPSTREAM_TIMEOUT"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/holdings-sync/slow").then()
                .statusCode(201);
    }

    @Test
    void shouldNotPauseAServiceBecauseCallersGaveUpOnItSooner() throws Exception {
        // Forty composed reads give up after 20 ms on a service that answers in 300 ms, within the upstream
        // timeout: each caller gets its timeout, yet the service did not fail and its breaker stays closed.
        List<CompletableFuture<?>> reads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            reads.add(upstreams.getJson("catalog", "/records/pause-" + i, null, Duration.ofMillis(20), null, 1000)
                    .toCompletionStage().toCompletableFuture());
        }
        for (CompletableFuture<?> read : reads) {
            ExecutionException failure = assertThrows(ExecutionException.class, () -> read.get(5, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof TimeoutException, failure.toString());
        }
        Thread.sleep(600);
        for (int i = 0; i < 5; i++) {
            given().when().get("/api/v1/records/after-" + i).then().statusCode(200)
                    .body("uri", equalTo("/records/after-" + i));
        }
    }

    @Test
    void shouldAnswerNotFoundWithAProblemForAnUnknownResource() {
        given().when().get("/api/v1/no-such-thing").then().statusCode(404).contentType(startsWith(
                "application/problem+json"));
    }

    @Test
    void shouldRefuseABodyOverTheLimitBeforeForwarding() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String request = "POST /api/v1/records HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (11L * 1024 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            StringBuilder received = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (!received.toString().contains("}")) {
                int n = socket.getInputStream().read(buffer);
                if (n < 0) {
                    break;
                }
                received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            String answer = received.toString();
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("PAYLOAD_TOO_LARGE"), answer);
        }
    }
}
