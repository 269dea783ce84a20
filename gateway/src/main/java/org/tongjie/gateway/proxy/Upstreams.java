package org.tongjie.gateway.proxy;

import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import org.tongjie.gateway.config.GatewayConfig;

import java.net.ConnectException;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The gateway's connections to the services: one pooled HTTP client, and a circuit breaker per service
 * (SmallRye Fault Tolerance). When a service keeps failing, its breaker opens and callers are answered at
 * once instead of waiting on it; a few trial calls close it again. Reads (GET, HEAD) whose connection could
 * not be made are retried once: they cannot have had an effect.
 */
@ApplicationScoped
public class Upstreams {

    private static final TypeLiteral<CompletionStage<HttpClientResponse>> RESPONSE = new TypeLiteral<>() {
    };

    private final GatewayConfig config;
    private final Vertx vertx;
    private final Map<String, Guard> breakers = new ConcurrentHashMap<>();
    private volatile HttpClient client;

    Upstreams(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    /** The base address of a service, when configured. */
    public Optional<URI> address(String service) {
        return Optional.ofNullable(config.services().get(service));
    }

    /**
     * Sends a request to a service and yields its response head. {@code prepare} sets headers; {@code body},
     * when not null, is streamed as the request body (never retried).
     */
    public Future<HttpClientResponse> exchange(String service, RequestOptions options,
            Consumer<HttpClientRequest> prepare, HttpServerRequest body) {
        URI upstream = address(service).orElseThrow();
        options.setHost(upstream.getHost()).setPort(upstream.getPort());
        boolean retryable = body == null && (options.getMethod() == HttpMethod.GET
                || options.getMethod() == HttpMethod.HEAD);
        Future<HttpClientResponse> first = guarded(service, options, prepare, body);
        if (!retryable) {
            return first;
        }
        return first.recover(e -> e instanceof ConnectException ? later(50)
                .compose(ignored -> guarded(service, options, prepare, null)) : Future.failedFuture(e));
    }

    /** A service's refusal or failure as seen by a composing caller: its status and problem code. */
    public static final class UpstreamAnswer extends RuntimeException {
        private final int status;

        public UpstreamAnswer(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * GETs a JSON document from a service with the caller's credentials. A non-200 answer fails with
     * {@link UpstreamAnswer}; an answer larger than {@code maxBytes} fails too; no answer within {@code timeout}
     * fails with a {@link TimeoutException}.
     * <p>
     * The {@code timeout} is the caller's patience, not a verdict on the service: the request itself runs on
     * under the timeout every proxied request has ({@code tongjie.gateway.upstream-timeout}), and only its own
     * outcome counts towards the service's circuit breaker. A composed answer that gives up on a part after two
     * seconds therefore cannot open the breaker on a service that is merely slow for a moment and so turn away
     * every check-out sent to it for the breaker's pause.
     */
    public Future<io.vertx.core.buffer.Buffer> getJson(String service, String pathAndQuery, String authorization,
            java.time.Duration timeout, String requestId, int maxBytes) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(pathAndQuery)
                .setIdleTimeout(Math.max(timeout.toMillis(), config.upstreamTimeout().toMillis()));
        return exchange(service, options, request -> {
            request.putHeader("Accept", "application/json");
            if (authorization != null) {
                request.putHeader("Authorization", authorization);
            }
            if (requestId != null) {
                request.putHeader("X-Request-Id", requestId);
            }
        }, null).compose(response -> {
            String length = response.getHeader("Content-Length");
            if (length != null && (!length.matches("\\d{1,18}") || Long.parseLong(length) > maxBytes)) {
                response.request().reset();
                return Future.failedFuture(new UpstreamAnswer(502, "answer too large"));
            }
            Future<io.vertx.core.buffer.Buffer> whole = response.body();
            response.resume();
            return whole.compose(body -> response.statusCode() == 200 ? Future.succeededFuture(body)
                    : Future.failedFuture(new UpstreamAnswer(response.statusCode(), body.length() > 2000
                            ? "" : body.toString())));
        }).timeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    private Future<HttpClientResponse> guarded(String service, RequestOptions options,
            Consumer<HttpClientRequest> prepare, HttpServerRequest body) {
        Promise<HttpClientResponse> done = Promise.promise();
        try {
            breakerOf(service).get(() -> http().request(options).compose(request -> {
                prepare.accept(request);
                return (body == null ? request.send() : request.send(body)).map(response -> {
                    // Held until the caller takes it, which may be a moment later on another path.
                    response.pause();
                    return response;
                });
            }).toCompletionStage(), RESPONSE).whenComplete((response, failure) -> {
                if (failure != null) {
                    done.fail(unwrap(failure));
                } else {
                    done.complete(response);
                }
            });
        } catch (RuntimeException e) {
            done.fail(e);
        }
        return done.future();
    }

    private Guard breakerOf(String service) {
        return breakers.computeIfAbsent(service, name -> Guard.create().withDescription("upstream " + name)
                .withCircuitBreaker().name("upstream-" + name).requestVolumeThreshold(20).failureRatio(0.5)
                .delay(5, ChronoUnit.SECONDS).successThreshold(2).done().withThreadOffload(false).build());
    }

    private HttpClient http() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(200).setKeepAlive(true)
                            .setConnectTimeout(2000).setDecompressionSupported(false));
                }
                current = client;
            }
        }
        return current;
    }

    private Future<Void> later(long millis) {
        Promise<Void> promise = Promise.promise();
        vertx.setTimer(millis, id -> promise.complete());
        return promise.future();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
