package org.tongjie.platform.rest;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.tongjie.platform.idempotency.IdempotencyInterceptor;
import org.tongjie.platform.problem.Problem;

import java.util.List;

/**
 * Documents the API conventions once instead of on every endpoint: every 4xx and 5xx response is
 * {@code application/problem+json} with the {@code Problem} schema, and {@value #IDEMPOTENCY_KEY} is a
 * reusable header parameter that {@code @Idempotent} operations reference with
 * {@code @Parameter(ref = ApiConventionsFilter.IDEMPOTENCY_KEY)}.
 */
public class ApiConventionsFilter implements OASFilter {

    public static final String IDEMPOTENCY_KEY = "IdempotencyKey";
    private static final String SCHEMA = "Problem";

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return operation;
        }
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            boolean error = status.startsWith("4") || status.startsWith("5");
            if (error && (response.getContent() == null || response.getContent().getMediaTypes() == null
                    || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(problemContent());
            }
        });
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        if (components.getSchemas() == null || !components.getSchemas().containsKey(SCHEMA)) {
            components.addSchema(SCHEMA, problemSchema());
        }
        if (components.getParameters() == null || !components.getParameters().containsKey(IDEMPOTENCY_KEY)) {
            components.addParameter(IDEMPOTENCY_KEY, idempotencyKey());
        }
    }

    private static Parameter idempotencyKey() {
        return OASFactory.createParameter().name(IdempotencyInterceptor.HEADER).in(Parameter.In.HEADER)
                .required(false)
                .description("Makes retries safe: a request repeated with the same key within 24 hours has one "
                        + "effect and gets the first response again (header Idempotent-Replayed: true); the same "
                        + "key with a different request is refused with 422 IDEMPOTENCY_KEY_REUSED.")
                .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).maxLength(128));
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA)));
    }

    private static Schema problemSchema() {
        Schema fieldError = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", text("The offending field, e.g. copies[0].barcode"))
                .addProperty("message", text("What is wrong with it"));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem detail with a stable code")
                .addProperty("type", text("URI of the problem type, urn:tongjie:problem:<code>"))
                .addProperty("title", text("Short summary"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", text("What happened, for people"))
                .addProperty("instance", text("The request path"))
                .addProperty("code", text("Stable code clients can switch on, e.g. COPY_NOT_AVAILABLE"))
                .addProperty("field", text("The first offending field, when one is to blame"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(fieldError))
                .required(List.of("type", "title", "status", "code"));
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }
}
