package org.tongjie.platform.problem;

import jakarta.ws.rs.core.Response;

import java.util.List;

/** Thrown by domain and service code to answer with a problem+json of a given status and code. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(Response.Status status, String code, String title, String detail) {
        this(status.getStatusCode(), code, title, detail, List.of());
    }

    public ProblemException(int status, String code, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(Response.Status.NOT_FOUND, code, "Not found", detail);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(Response.Status.CONFLICT, code, "Conflict", detail);
    }

    public static ProblemException forbidden(String code, String detail) {
        return new ProblemException(Response.Status.FORBIDDEN, code, "Forbidden", detail);
    }

    /** A 422 about one field of an otherwise well-formed request. */
    public static ProblemException invalidField(String code, String field, String message) {
        return new ProblemException(422, code, "Unprocessable request", message,
                List.of(new Problem.FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
