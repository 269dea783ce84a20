package org.tongjie.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.gateway.config.GatewayConfig;
import org.tongjie.gateway.proxy.Routes;
import org.tongjie.platform.problem.ProblemException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Each service's OpenAPI document, rewritten to the gateway's {@code /api/v1} address, for Swagger UI. */
@Path("/openapi")
@Tag(name = "API documentation")
public class OpenApiAggregation {

    private final GatewayConfig config;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    OpenApiAggregation(GatewayConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    @GET
    @Path("/{service}")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenAPI document of one service", description = "As served at the gateway: servers "
            + "point at /api/v1. Services: catalog, loan, delivery.")
    @APIResponse(responseCode = "200", description = "The OpenAPI document")
    @APIResponse(responseCode = "404", description = "SERVICE_UNKNOWN")
    @APIResponse(responseCode = "503", description = "UPSTREAM_UNAVAILABLE")
    public String document(@PathParam("service") String service) {
        URI base = config.services().get(service);
        if (base == null) {
            throw ProblemException.notFound("SERVICE_UNKNOWN", "No service " + service);
        }
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw unavailable(service);
            }
            ObjectNode document = (ObjectNode) mapper.readTree(answer.body());
            document.putArray("servers").addObject().put("url", Routes.API_PREFIX);
            return mapper.writeValueAsString(document);
        } catch (IOException e) {
            throw unavailable(service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(service);
        }
    }

    private static ProblemException unavailable(String service) {
        return new ProblemException(jakarta.ws.rs.core.Response.Status.SERVICE_UNAVAILABLE, "UPSTREAM_UNAVAILABLE",
                "Service unavailable", "The " + service + " service did not provide its API document");
    }
}
