package org.tongjie.gateway.edge;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.tongjie.gateway.proxy.Routes;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

import java.util.Map;

/**
 * The front door's first checks on every {@code /api/v1} request: a bearer token must be valid here already
 * (signature, issuer, expiry — the services check it again), and the caller must be within their quota.
 * The verified token is left on the routing context for the proxy.
 */
@ApplicationScoped
public class EdgeGuard {

    /** Routing-context key of the verified {@link JsonWebToken}, absent for anonymous callers. */
    public static final String CALLER = "tongjie.caller";
    public static final String TOKEN_PATH = Routes.API_PREFIX + "/auth/token";
    /** Signing up is as tempting to script as signing in, and shares its tighter quota. */
    public static final String SIGN_UP_PATH = Routes.API_PREFIX + "/patron-registrations";

    /** Longer URIs are refused here, with a problem, before they reach a service (whose own limit is 4096). */
    static final int MAX_URI_LENGTH = 4000;

    private final JWTParser parser;
    private final Quotas quotas;
    private final EdgeResponses responses;

    EdgeGuard(JWTParser parser, Quotas quotas, EdgeResponses responses) {
        this.parser = parser;
        this.quotas = quotas;
        this.responses = responses;
    }

    void install(@Observes Router router) {
        router.route(Routes.API_PREFIX + "/*").order(-150).handler(this::guard);
    }

    private void guard(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri.length() > MAX_URI_LENGTH) {
            responses.problem(ctx, 414, "URI_TOO_LONG", "URI too long", "Request URIs are limited to "
                    + MAX_URI_LENGTH + " characters", Map.of());
            return;
        }
        if (uri.contains("%00")) {
            responses.problem(ctx, 400, "INVALID_CHARACTER", "Invalid character",
                    "Paths and query parameters may not contain the NUL character (%00)", Map.of());
            return;
        }
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        JsonWebToken caller = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            try {
                caller = parser.parse(authorization.substring(7).trim());
            } catch (ParseException e) {
                refuseToken(ctx, e);
                return;
            }
        }
        String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
        Quotas.Verdict verdict;
        String path = ctx.request().path();
        String bookstore = caller == null ? null : caller.getClaim(Caller.BOOKSTORE_CLAIM);
        if (bookstore != null && !bookstoreMayCall(bookstore, ctx.normalizedPath())) {
            responses.problem(ctx, 403, "BOOKSTORE_SCOPE_VIOLATION", "Forbidden", "Bookstore " + bookstore
                    + " may only record its own purchases", Map.of());
            return;
        }
        if (path.equals(TOKEN_PATH) || path.equals(SIGN_UP_PATH)) {
            verdict = quotas.take(Quotas.Kind.SIGN_IN, address);
        } else if (caller == null) {
            verdict = quotas.take(Quotas.Kind.ANONYMOUS, address);
        } else {
            verdict = quotas.take(kindOf(caller), caller.getSubject());
        }
        if (!verdict.allowed()) {
            responses.problem(ctx, 429, "QUOTA_EXCEEDED", "Too many requests", "Slow down: retry after "
                    + verdict.retryAfterSeconds() + " s", Map.of("Retry-After",
                    Long.toString(verdict.retryAfterSeconds())));
            return;
        }
        if (verdict.remaining() != Long.MAX_VALUE) {
            ctx.response().putHeader("X-RateLimit-Remaining", Long.toString(verdict.remaining()));
        }
        if (caller != null) {
            ctx.put(CALLER, caller);
        }
        ctx.next();
    }

    /** A partner bookstore's token reaches its own bookstore's resources and nothing else. */
    static boolean bookstoreMayCall(String bookstore, String path) {
        String own = Routes.API_PREFIX + "/bookstores/" + bookstore;
        return path.equals(own) || path.startsWith(own + "/") || path.startsWith(Routes.API_PREFIX + "/auth/");
    }

    private void refuseToken(RoutingContext ctx, ParseException e) {
        boolean expired = e.getCause() instanceof InvalidJwtException invalid && invalid.hasExpired();
        String code = expired ? "TOKEN_EXPIRED" : "INVALID_TOKEN";
        String detail = expired ? "The access token has expired; get a new one with the refresh token"
                : "The access token is malformed, tampered with or not issued for this network";
        responses.problem(ctx, 401, code, "Not authenticated", detail, Map.of("WWW-Authenticate",
                "Bearer error=\"invalid_token\", error_description=\"" + (expired ? "expired" : "invalid") + "\""));
    }

    private static Quotas.Kind kindOf(JsonWebToken caller) {
        var groups = caller.getGroups();
        if (groups.contains(Roles.PATRON)) {
            return Quotas.Kind.PATRON;
        }
        if (groups.contains(Roles.SYSTEM)) {
            return Quotas.Kind.SYSTEM;
        }
        return Quotas.Kind.STAFF;
    }
}
