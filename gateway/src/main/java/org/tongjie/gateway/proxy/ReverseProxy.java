package org.tongjie.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
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
import org.jboss.logging.Logger;
import org.tongjie.gateway.config.GatewayConfig;
import org.tongjie.platform.problem.Problem;

import java.net.ConnectException;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Streams {@code /api/v1/**} requests to the owning service and its answer back, without buffering bodies.
 * Paths the gateway serves itself (tokens, accounts) fall through to its REST resources.
 */
@ApplicationScoped
public class ReverseProxy {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Logger LOG = Logger.getLogger(ReverseProxy.class);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    private final GatewayConfig config;
    private final ObjectMapper mapper;
    private final long maxBodyBytes;
    private HttpClient client;

    ReverseProxy(GatewayConfig config, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") io.quarkus.runtime.configuration.MemorySize
                    maxBody) {
        this.config = config;
        this.mapper = mapper;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router, Vertx vertx) {
        client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(200).setKeepAlive(true)
                .setConnectTimeout(2000).setDecompressionSupported(false));
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
        var owner = Routes.ownerOf(below);
        if (owner.isEmpty()) {
            ctx.next();
            return;
        }
        URI upstream = config.services().get(owner.get());
        if (upstream == null) {
            problem(ctx, 503, "UPSTREAM_NOT_CONFIGURED", "Service unavailable", "No address for " + owner.get());
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parseLength(length) > maxBodyBytes) {
            problem(ctx, 413, "PAYLOAD_TOO_LARGE", "Request too large",
                    "Bodies are limited to " + maxBodyBytes + " bytes");
            return;
        }
        request.pause();
        String uri = below + (request.query() == null ? "" : "?" + request.query());
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(upstream.getHost())
                .setPort(upstream.getPort()).setURI(uri).setIdleTimeout((Routes.isBulk(below) ? config.bulkTimeout()
                        : config.upstreamTimeout()).toMillis());
        client.request(options).onFailure(e -> upstreamFailed(ctx, owner.get(), e)).onSuccess(upstreamRequest -> {
            copyHeaders(request.headers(), upstreamRequest.headers());
            upstreamRequest.putHeader(REQUEST_ID, (String) ctx.get(REQUEST_ID));
            upstreamRequest.putHeader("X-Forwarded-For", request.remoteAddress().host());
            upstreamRequest.putHeader("X-Forwarded-Proto", request.scheme());
            if (request.host() != null) {
                upstreamRequest.putHeader("X-Forwarded-Host", request.host());
            }
            upstreamRequest.send(request).onFailure(e -> upstreamFailed(ctx, owner.get(), e))
                    .onSuccess(answer -> relay(ctx, upstream, answer));
        });
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
        ctx.request().resume();
        if (e instanceof TimeoutException || (e.getMessage() != null && e.getMessage().contains("timeout"))) {
            problem(ctx, 504, "UPSTREAM_TIMEOUT", "Service too slow", "The " + service + " service did not answer "
                    + "in time; retry later");
        } else if (e instanceof ConnectException) {
            problem(ctx, 503, "UPSTREAM_UNAVAILABLE", "Service unavailable", "The " + service
                    + " service cannot be reached; retry later");
        } else {
            LOG.warnf("Proxying to %s failed: %s", service, e.toString());
            problem(ctx, 502, "UPSTREAM_FAILED", "Bad gateway", "The " + service + " service failed to answer");
        }
    }

    private void problem(RoutingContext ctx, int status, String code, String title, String detail) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        Problem problem = new Problem(Problem.typeOf(code), title, status, detail, ctx.request().path(), code, null,
                null);
        try {
            response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
            if (status == 503) {
                response.putHeader("Retry-After", "5");
            }
            response.end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            response.setStatusCode(500).end();
        }
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
