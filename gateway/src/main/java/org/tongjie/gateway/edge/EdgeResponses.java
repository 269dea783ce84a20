package org.tongjie.gateway.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.tongjie.platform.problem.Problem;

import java.util.Map;

/** Problem+json answers given by the gateway itself, before or instead of a service. */
@ApplicationScoped
public class EdgeResponses {

    private final ObjectMapper mapper;

    EdgeResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void problem(RoutingContext ctx, int status, String code, String title, String detail) {
        problem(ctx, status, code, title, detail, Map.of());
    }

    public void problem(RoutingContext ctx, int status, String code, String title, String detail,
            Map<String, String> headers) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        ctx.request().resume();
        Problem problem = new Problem(Problem.typeOf(code), title, status, detail, ctx.request().path(), code, null,
                null);
        try {
            response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
            headers.forEach(response::putHeader);
            response.end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            response.setStatusCode(500).end();
        }
    }
}
