package org.tongjie.gateway.proxy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A plain HTTP server standing in for the catalog service: it answers with what it received, so proxy
 * behaviour (paths, headers, bodies, Location) can be checked; paths containing "slow" answer after 1.5 s (past
 * the tests' upstream timeout), paths containing "pause" after 300 ms (within it).
 * It also stands in for the delivery service; the loan service is pointed at a closed port.
 */
public class EchoUpstream implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                String json = "{\"method\":\"" + request.method() + "\",\"uri\":\"" + request.uri()
                        + "\",\"requestId\":\"" + request.getHeader("X-Request-Id")
                        + "\",\"authorization\":\"" + request.getHeader("Authorization")
                        + "\",\"traceparent\":\"" + request.getHeader("traceparent")
                        + "\",\"body\":" + (body.length() == 0 ? "null" : body.toString()) + "}";
                long delay = request.path().contains("slow") ? 1500 : request.path().contains("pause") ? 300 : 1;
                vertx.setTimer(delay, timer -> request.response()
                        .setStatusCode(request.method().name().equals("POST") ? 201 : 200)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Location", "http://127.0.0.1:" + request.localAddress().port() + request.path()
                                + "/created")
                        .putHeader("Connection", "keep-alive")
                        .end(json));
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return Map.of("tongjie.gateway.services.catalog", "http://127.0.0.1:" + server.actualPort(),
                    "tongjie.gateway.services.delivery", "http://127.0.0.1:" + server.actualPort(),
                    "tongjie.gateway.services.loan", "http://127.0.0.1:" + closedPort());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
