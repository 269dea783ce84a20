package org.tongjie.deploy.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** Talks to the cluster's public API through the gateway, as any client would. */
public final class GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GatewayClient(String gatewayUrl) {
        this.base = gatewayUrl + "/api/v1";
    }

    public String staffToken(String username, String password) throws IOException {
        return token(Map.of("grant_type", "password", "username", username, "password", password));
    }

    public String clientToken(String clientId, String secret) throws IOException {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private String token(Map<String, String> form) throws IOException {
        return tokens(form).get("access_token").asText();
    }

    /** The token endpoint's whole answer (access and refresh token, lifetime) for any grant. */
    public JsonNode tokens(Map<String, String> form) throws IOException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return expect(request, 200);
    }

    /** POSTs JSON and returns the created resource; anything but 201 is an error. */
    public JsonNode create(String token, String path, Object body) throws IOException {
        return post(token, path, body, 201);
    }

    /** POSTs JSON and returns the answer, which must have the given status. */
    public JsonNode post(String token, String path, Object body, int status) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return expect(request, status);
    }

    /**
     * PUTs JSON until it is answered 200, for a short while: the target service may not have heard of what it
     * refers to yet (it learns the network from events, within seconds).
     */
    JsonNode putWhenKnown(String token, String path, Object body, Duration patience) throws IOException {
        return retrying(patience, () -> expect(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), 200));
    }

    /** A request that may be refused until another service has caught up. */
    interface Step<T> {
        T run() throws IOException;
    }

    /** Runs the step until it succeeds, every 50 ms for as long as {@code patience}; then its last failure. */
    static <T> T retrying(Duration patience, Step<T> step) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return step.run();
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted", interrupted);
                }
            }
        }
    }

    /** GETs a JSON document that must be answered 200. */
    public JsonNode get(String token, String path) throws IOException {
        return expect(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(1)).GET().build(), 200);
    }

    /** POSTs a body as it is, with the given headers (a signed webhook), expecting 200. */
    JsonNode postSigned(String path, String body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(1))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return expect(request.build(), 200);
    }

    private JsonNode expect(HttpRequest request, int status) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            for (int tries = 0; response.statusCode() == 429 && tries < 10; tries++) {
                // Over the caller's quota: wait as long as the gateway says, then try again.
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(Math.min(seconds, 60) * 1000);
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() != status) {
                throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }
}
