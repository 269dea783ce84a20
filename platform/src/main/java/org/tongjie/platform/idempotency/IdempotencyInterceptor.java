package org.tongjie.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.tongjie.platform.problem.Problem;
import org.tongjie.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Gives {@link Idempotent} methods their meaning. The key is claimed in the same transaction as the effect,
 * so a retry after a lost response replays it, and a retry racing the first request waits for it and
 * replays its response. A request that fails changes nothing and may be retried with the same key.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class IdempotencyInterceptor {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private final CurrentVertxRequest currentRequest;
    private final IdempotencyStore store;
    private final ObjectMapper mapper;
    private final JsonWebToken token;

    IdempotencyInterceptor(CurrentVertxRequest currentRequest, IdempotencyStore store, ObjectMapper mapper,
            JsonWebToken token) {
        this.currentRequest = currentRequest;
        this.store = store;
        this.mapper = mapper;
        this.token = token;
    }

    @AroundInvoke
    Object around(InvocationContext invocation) throws Exception {
        HttpServerRequest request = currentRequest.getCurrent() == null ? null : currentRequest.getCurrent().request();
        String key = request == null ? null : request.getHeader(HEADER);
        if (key == null) {
            return invocation.proceed();
        }
        if (key.isBlank() || key.length() > 128 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new ProblemException(400, "INVALID_IDEMPOTENCY_KEY", "Invalid request",
                    HEADER + " must be 1 to 128 visible ASCII characters",
                    List.of(new Problem.FieldError(HEADER, "must be 1 to 128 visible ASCII characters")));
        }
        String scope = Optional.ofNullable(token.getSubject()).orElse("anonymous") + " " + request.method() + " "
                + request.path();
        String fingerprint = fingerprint(invocation.getParameters());
        return QuarkusTransaction.joiningExisting().call(() -> {
            Optional<IdempotencyStore.Outcome> earlier = store.claim(scope, key, fingerprint);
            if (earlier.isPresent()) {
                return replay(earlier.get(), fingerprint);
            }
            Object result = invocation.proceed();
            if (result instanceof Response response) {
                String location = response.getLocation() == null ? null : response.getLocation().toString();
                store.complete(scope, key, response.getStatus(), location,
                        response.hasEntity() ? mapper.writeValueAsString(response.getEntity()) : null);
            }
            return result;
        });
    }

    private static Response replay(IdempotencyStore.Outcome earlier, String fingerprint) {
        if (earlier.status() == 0) {
            throw ProblemException.conflict("IDEMPOTENCY_KEY_UNUSABLE",
                    "The request first made with this " + HEADER + " left no response to replay; use a new key");
        }
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw new ProblemException(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency key reused",
                    "This " + HEADER + " was used for a different request", List.of(new Problem.FieldError(HEADER,
                            "was used for a different request")));
        }
        Response.ResponseBuilder response = Response.status(earlier.status()).header(REPLAYED, "true");
        if (earlier.location() != null) {
            response.header(HttpHeaders.LOCATION, earlier.location());
        }
        if (earlier.body() != null) {
            response.entity(earlier.body()).type(MediaType.APPLICATION_JSON);
        }
        return response.build();
    }

    /** A digest of the request's own arguments (path values and body), ignoring framework objects. */
    private String fingerprint(Object[] parameters) throws JsonProcessingException, NoSuchAlgorithmException {
        List<Object> values = new ArrayList<>();
        for (Object parameter : parameters) {
            if (parameter == null || parameter instanceof Record || parameter instanceof CharSequence
                    || parameter instanceof Number || parameter instanceof java.util.UUID
                    || parameter instanceof Enum<?>) {
                values.add(parameter);
            }
        }
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(mapper.writeValueAsString(values).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }
}
