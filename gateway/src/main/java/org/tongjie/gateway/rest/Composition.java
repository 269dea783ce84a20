package org.tongjie.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.tongjie.gateway.config.GatewayConfig;
import org.tongjie.gateway.proxy.Upstreams;
import org.tongjie.gateway.rest.dto.MeView;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Asks services for parts of a composed answer with the caller's credentials. A part that does not come back
 * (service down, slow, refusing) is a gap naming the service and why, never a failure of the whole.
 */
@ApplicationScoped
public class Composition {

    private static final int MAX_PART_BYTES = 2 * 1024 * 1024;

    private final Upstreams upstreams;
    private final ObjectMapper mapper;
    private final GatewayConfig config;

    Composition(Upstreams upstreams, ObjectMapper mapper, GatewayConfig config) {
        this.upstreams = upstreams;
        this.mapper = mapper;
        this.config = config;
    }

    /** A service's answer, or the gap where it should be (with the service's problem document, if it sent one). */
    public record Part(JsonNode value, MeView.Gap gap, JsonNode problem) {

        Part(JsonNode value, MeView.Gap gap) {
            this(value, gap, null);
        }
    }

    public Uni<Part> part(String name, String service, String path, String authorization, String requestId) {
        return part(name, service, path, authorization, requestId, config.composeTimeout());
    }

    public Uni<Part> part(String name, String service, String path, String authorization, String requestId,
            Duration timeout) {
        return Uni.createFrom().completionStage(() -> upstreams.getJson(service, path, authorization,
                        timeout, requestId, MAX_PART_BYTES).toCompletionStage())
                .map(body -> {
                    try {
                        return new Part(mapper.readTree(body.getBytes()), null);
                    } catch (java.io.IOException e) {
                        return new Part(null, new MeView.Gap(name, service, 502, "UPSTREAM_FAILED"));
                    }
                })
                .onFailure().recoverWithItem(e -> new Part(null, gap(name, service, e), problemOf(e)));
    }

    /** The upstream's problem document when it answered with one, else null. */
    public JsonNode problemOf(Throwable e) {
        if (unwrap(e) instanceof Upstreams.UpstreamAnswer answer) {
            try {
                return mapper.readTree(answer.getMessage());
            } catch (java.io.IOException | RuntimeException ignored) {
                return null;
            }
        }
        return null;
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private MeView.Gap gap(String name, String service, Throwable e) {
        Throwable cause = unwrap(e);
        if (cause instanceof Upstreams.UpstreamAnswer answer) {
            String code = "UPSTREAM_FAILED";
            try {
                code = mapper.readTree(answer.getMessage()).path("code").asText(code);
            } catch (java.io.IOException | RuntimeException ignored) {
                // not a problem document: keep the generic code
            }
            return new MeView.Gap(name, service, answer.status(), code);
        }
        if (cause instanceof TimeoutException || cause instanceof io.vertx.core.http.HttpClosedException
                || (cause.getMessage() != null && cause.getMessage().contains("timeout"))) {
            return new MeView.Gap(name, service, 504, "UPSTREAM_TIMEOUT");
        }
        if (cause instanceof ConnectException || cause instanceof CircuitBreakerOpenException) {
            return new MeView.Gap(name, service, 503, "UPSTREAM_UNAVAILABLE");
        }
        return new MeView.Gap(name, service, 502, "UPSTREAM_FAILED");
    }
}
