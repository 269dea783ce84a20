package org.tongjie.gateway.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.tongjie.gateway.config.GatewayConfig;
import org.tongjie.gateway.edge.EdgeGuard;
import org.tongjie.gateway.edge.EdgeResponses;
import org.tongjie.platform.security.Roles;

import java.net.ConnectException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Streams {@code /api/v1/**} requests to the owning service and its answer back, without buffering bodies.
 * A signed-in reader's {@code /api/v1/me/...} requests go to the service behind them (see
 * {@link Routes#ofReader}). Paths the gateway serves itself (tokens, accounts, {@code /me}) fall through to its
 * REST resources.
 */
@ApplicationScoped
public class ReverseProxy {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Logger LOG = Logger.getLogger(ReverseProxy.class);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    private static final String ME = "/me";

    private final GatewayConfig config;
    private final Upstreams upstreams;
    private final EdgeResponses responses;
    private final long maxBodyBytes;

    ReverseProxy(GatewayConfig config, Upstreams upstreams, EdgeResponses responses,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") io.quarkus.runtime.configuration.MemorySize
                    maxBody) {
        this.config = config;
        this.upstreams = upstreams;
        this.responses = responses;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route(Routes.API_PREFIX + "/*").order(-100).handler(this::handle);
        router.route().order(-200).handler(ReverseProxy::tagRequest);
    }

    /** Every response carries a request id, the caller's or a new one. */
    private static void tagRequest(RoutingContext ctx) {
        String id = ctx.request().getHeader(REQUEST_ID);
        if (id == null || id.isBlank() || id.length() > 100) {
            id = UUID.randomUUID().toString();
        }
        ctx.put(REQUEST_ID, id);
        ctx.response().putHeader(REQUEST_ID, id);
        ctx.next();
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String below = request.path().substring(Routes.API_PREFIX.length());
        if (hasDotSegment(below)) {
            responses.problem(ctx, 400, "INVALID_PATH", "Invalid path", "Paths may not contain . or .. segments");
            return;
        }
        Optional<Routes.Target> target;
        if (below.startsWith(ME + "/")) {
            JsonWebToken caller = ctx.get(EdgeGuard.CALLER);
            if (caller == null || !caller.getGroups().contains(Roles.PATRON)) {
                responses.problem(ctx, caller == null ? 401 : 403, caller == null ? "NOT_AUTHENTICATED"
                        : "PATRON_TOKEN_REQUIRED", "Readers only", "/me is the signed-in reader's own account");
                return;
            }
            target = Routes.ofReader(request.method().name(), below.substring(ME.length()), caller.getSubject());
            if (target.isEmpty()) {
                responses.problem(ctx, 404, "NOT_FOUND", "Not found", "No such resource under /me");
                return;
            }
        } else {
            target = Routes.ownerOf(below).map(service -> new Routes.Target(service, below));
        }
        if (target.isEmpty()) {
            ctx.next();
            return;
        }
        forward(ctx, target.get(), Routes.isBulk(below));
    }

    private void forward(RoutingContext ctx, Routes.Target target, boolean bulk) {
        HttpServerRequest request = ctx.request();
        String service = target.service();
        Optional<URI> upstream = upstreams.address(service);
        if (upstream.isEmpty()) {
            responses.problem(ctx, 503, "UPSTREAM_NOT_CONFIGURED", "Service unavailable", "No address for " + service);
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parseLength(length) > maxBodyBytes) {
            responses.problem(ctx, 413, "PAYLOAD_TOO_LARGE", "Request too large",
                    "Bodies are limited to " + maxBodyBytes + " bytes");
            return;
        }
        boolean read = request.method() == io.vertx.core.http.HttpMethod.GET
                || request.method() == io.vertx.core.http.HttpMethod.HEAD;
        if (!read) {
            request.pause();
        }
        String uri = target.path() + (request.query() == null ? "" : "?" + request.query());
        RequestOptions options = new RequestOptions().setMethod(request.method()).setURI(uri)
                .setIdleTimeout((bulk ? config.bulkTimeout() : config.upstreamTimeout()).toMillis());
        upstreams.exchange(service, options, upstreamRequest -> {
            copyHeaders(request.headers(), upstreamRequest.headers());
            if (read) {
                // The body of a GET or HEAD is not passed on, so neither is its length: an upstream told to
                // expect a body would take the next request on the pooled connection for it (desync).
                upstreamRequest.headers().remove(HttpHeaders.CONTENT_LENGTH).remove(HttpHeaders.TRANSFER_ENCODING);
            }
            upstreamRequest.putHeader(REQUEST_ID, (String) ctx.get(REQUEST_ID));
            upstreamRequest.putHeader("X-Forwarded-For", request.remoteAddress().host());
            upstreamRequest.putHeader("X-Forwarded-Proto", request.scheme());
            if (request.host() != null) {
                upstreamRequest.putHeader("X-Forwarded-Host", request.host());
            }
        }, read ? null : request).onFailure(e -> upstreamFailed(ctx, service, e))
                .onSuccess(answer -> relay(ctx, upstream.get(), answer));
    }

    private void relay(RoutingContext ctx, URI upstream, HttpClientResponse answer) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        response.setStatusCode(answer.statusCode());
        copyHeaders(answer.headers(), response.headers());
        String location = answer.getHeader(HttpHeaders.LOCATION);
        if (location != null) {
            response.putHeader(HttpHeaders.LOCATION, publicLocation(ctx.request(), upstream, location));
        }
        response.send(answer).onFailure(e -> LOG.debugf("Client went away during a response: %s", e));
    }

    /** A service's {@code http://catalog:8081/libraries/X} becomes {@code <gateway>/api/v1/libraries/X}. */
    private static String publicLocation(HttpServerRequest request, URI upstream, String location) {
        URI target = URI.create(location);
        if (target.getHost() != null && !(target.getHost().equals(upstream.getHost())
                && target.getPort() == upstream.getPort())) {
            return location;
        }
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        return request.scheme() + "://" + request.host() + Routes.API_PREFIX + path;
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        for (var header : from) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }

    private void upstreamFailed(RoutingContext ctx, String service, Throwable e) {
        if (e instanceof CircuitBreakerOpenException) {
            responses.problem(ctx, 503, "UPSTREAM_UNAVAILABLE", "Service unavailable", "The " + service
                    + " service is failing; requests to it are paused for a few seconds", Map.of("Retry-After", "5"));
        } else if (e instanceof TimeoutException || (e.getMessage() != null && e.getMessage().contains("timeout"))) {
            responses.problem(ctx, 504, "UPSTREAM_TIMEOUT", "Service too slow", "The " + service
                    + " service did not answer in time; retry later");
        } else if (e instanceof ConnectException) {
            responses.problem(ctx, 503, "UPSTREAM_UNAVAILABLE", "Service unavailable", "The " + service
                    + " service cannot be reached; retry later", Map.of("Retry-After", "5"));
        } else {
            LOG.warnf("Proxying to %s failed: %s", service, e.toString());
            responses.problem(ctx, 502, "UPSTREAM_FAILED", "Bad gateway", "The " + service
                    + " service failed to answer");
        }
    }

    private static boolean hasDotSegment(String path) {
        String lower = path.toLowerCase(java.util.Locale.ROOT).replace("%2e", ".");
        for (String segment : lower.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
