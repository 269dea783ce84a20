package org.tongjie.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Turns every error a resource can raise into an RFC 9457 problem+json with a stable code. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int PRIORITY = Priorities.USER - 100;

    @ServerExceptionMapper(priority = PRIORITY)
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status(), e.code(), e.title(), e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        boolean bodyField = false;
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            FieldPath path = fieldPath(violation.getPropertyPath());
            bodyField |= path.inBody();
            errors.add(new Problem.FieldError(path.name(), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b)
                .orElse("Invalid request");
        return respond(bodyField ? 422 : 400, "VALIDATION_FAILED", "Invalid request", detail, uri, errors);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        boolean truncated = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Unexpected end-of-input");
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty() && !truncated) {
            String field = jsonPath(mapping.getPath());
            String message = "has the wrong type or format";
            return respond(400, "INVALID_FIELD", "Invalid request body", field + " " + message, uri,
                    List.of(new Problem.FieldError(field, message)));
        }
        String location = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return respond(400, "MALFORMED_JSON", "Malformed JSON", "The request body is not valid JSON" + location, uri,
                List.of());
    }

    /** Quarkus ships a mapper for this exact type; ours must match it to take precedence. */
    @ServerExceptionMapper(priority = PRIORITY)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return respond(409, "CONCURRENT_MODIFICATION", "Conflict",
                "Someone else changed this resource at the same time; read it again and retry", uri, List.of());
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "FORBIDDEN", "Forbidden", "Your role does not allow this", uri, List.of());
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String code = known == null ? "HTTP_" + status : known.name();
        String title = known == null ? "Request refused" : known.getReasonPhrase();
        return respond(status, code, title, e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseFailures.unstorableText(e)) {
            return respond(400, "INVALID_CHARACTER", "Invalid character", "Text may not contain the NUL character"
                    + " (\\u0000) or bytes that are not UTF-8", uri, List.of());
        }
        if (DatabaseFailures.unreachable(e)) {
            LOG.warnf("Database unreachable on %s: %s", uri.getPath(), e.getMessage());
            return Response.fromResponse(respond(503, "DATABASE_UNAVAILABLE", "Service unavailable",
                    "The service lost its database just now, so the request may not have taken effect; try again "
                    + "shortly, with the same Idempotency-Key where the operation takes one", uri, List.of()))
                    .header(HttpHeaders.RETRY_AFTER, "1").build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", incident, uri.getPath());
        return respond(500, "INTERNAL_ERROR", "Internal error",
                "An unexpected error occurred; quote incident " + incident, uri, List.of());
    }

    private static Response unauthenticated(UriInfo uri) {
        return Response.fromResponse(respond(401, "UNAUTHENTICATED", "Unauthenticated",
                "A valid bearer token is required", uri, List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    static Response respond(int status, String code, String title, String detail, UriInfo uri,
            List<Problem.FieldError> errors) {
        String field = errors.isEmpty() ? null : errors.get(0).field();
        Problem problem = new Problem(Problem.typeOf(code), title, status, detail, "/" + uri.getPath()
                .replaceFirst("^/", ""), code, field, errors.isEmpty() ? null : errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private record FieldPath(String name, boolean inBody) {
    }

    /** {@code create.request.copies[0].barcode} becomes {@code copies[0].barcode}; a bare parameter keeps its name. */
    private static FieldPath fieldPath(Path path) {
        StringBuilder name = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT && name.length() == 0 && parameter != null) {
                // An element of a multi-valued query parameter, e.g. id=…&id=…
                parameter = parameter + (node.getIndex() != null ? "[" + node.getIndex() + "]" : "");
                continue;
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(node.getName());
            if (node.getIndex() != null) {
                name.append('[').append(node.getIndex()).append(']');
            }
        }
        boolean inBody = name.length() > 0;
        return new FieldPath(inBody ? name.toString() : parameter == null ? path.toString() : parameter, inBody);
    }

    private static String jsonPath(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
