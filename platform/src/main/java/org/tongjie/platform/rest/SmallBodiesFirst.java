package org.tongjie.platform.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads a small request body whole on the event loop that received it, before the endpoint's worker thread takes
 * the request. Without it the worker reads the body as a stream: it parks, the event loop is woken to hand it the
 * bytes, and the worker is woken again — two thread switches on every check-out and check-in. Bodies of known
 * length up to {@value #MAX_BYTES} bytes only; larger ones (bulk syncs) and bodies of unknown length stream as
 * before, under the service's own limit. Off ({@code tongjie.http.small-bodies-first=false}) where requests are
 * passed on as streams (the gateway).
 */
@ApplicationScoped
class SmallBodiesFirst {

    static final int MAX_BYTES = 64 * 1024;
    /** Before the endpoints; after nothing that needs the body unread. */
    private static final int PRIORITY = 100;

    private final BodyHandler bodies = BodyHandler.create(false).setBodyLimit(MAX_BYTES)
            .setPreallocateBodyBuffer(true).setMergeFormAttributes(false);

    void install(@Observes Filters filters,
            @ConfigProperty(name = "tongjie.http.small-bodies-first", defaultValue = "true") boolean enabled) {
        if (enabled) {
            filters.register(this::handle, PRIORITY);
        }
    }

    private void handle(RoutingContext ctx) {
        if (small(ctx)) {
            bodies.handle(ctx);
        } else {
            ctx.next();
        }
    }

    private static boolean small(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
            return false;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (length == null || type == null || !type.startsWith("application/json")) {
            return false;
        }
        try {
            long bytes = Long.parseLong(length);
            return bytes > 0 && bytes <= MAX_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
