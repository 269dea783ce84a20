package org.tongjie.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.gateway.proxy.ReverseProxy;
import org.tongjie.gateway.rest.Composition.Part;
import org.tongjie.gateway.rest.dto.MeView;
import org.tongjie.platform.security.Roles;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The health and messaging backlog of every service, in one call, for the operations dashboard. */
@Path("/api/v1/operations/status")
@Tag(name = "Operations", description = "Lists of what needs someone's attention")
public class OperationsResource {

    private static final Duration TIMEOUT = Duration.ofSeconds(4);
    private static final List<String> SERVICES = List.of("catalog", "loan", "delivery");

    private final Composition composition;

    OperationsResource(Composition composition) {
        this.composition = composition;
    }

    @Schema(description = "One service's health and messaging")
    public record ServiceStatus(@Schema(example = "loan") String service,
            @Schema(description = "UP, DOWN (its readiness check fails) or UNREACHABLE") String health,
            @Schema(description = "Its readiness checks, as it reported them") JsonNode checks,
            @Schema(description = "Outbox backlog and consumer lag; null when not measurable") JsonNode messaging,
            @Schema(description = "What could not be read") List<MeView.Gap> gaps) {
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Health, outbox backlog and consumer lag of every service", description = "Each "
            + "service's readiness checks (PostgreSQL, Kafka) and, measured now, the events committed but not yet "
            + "published and, per consumer group and topic, those published but not yet consumed. Services are "
            + "asked in parallel; one that does not answer in 4 seconds is UNREACHABLE.")
    @APIResponse(responseCode = "200", description = "Every service's status")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an operator or administrator")
    public Uni<List<ServiceStatus>> status(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context RoutingContext ctx) {
        String requestId = ctx == null ? null : ctx.get(ReverseProxy.REQUEST_ID);
        List<Uni<ServiceStatus>> statuses = new ArrayList<>();
        for (String service : SERVICES) {
            Uni<Part> health = composition.part("health", service, "/q/health/ready", null, requestId, TIMEOUT);
            Uni<Part> messaging = composition.part("messaging", service, "/operations/messaging", authorization,
                    requestId, TIMEOUT);
            statuses.add(Uni.combine().all().unis(health, messaging).asTuple().map(parts -> {
                Part h = parts.getItem1();
                Part m = parts.getItem2();
                List<MeView.Gap> gaps = new ArrayList<>();
                String state;
                JsonNode checks = h.value();
                if (h.value() != null) {
                    state = h.value().path("status").asText("UP");
                } else {
                    state = h.gap().status() == 503 && !"UPSTREAM_UNAVAILABLE".equals(h.gap().code()) ? "DOWN"
                            : "UNREACHABLE";
                    gaps.add(h.gap());
                }
                if (m.gap() != null) {
                    gaps.add(m.gap());
                }
                return new ServiceStatus(service, state, checks, m.value(), gaps);
            }));
        }
        return Uni.join().all(statuses).andFailFast();
    }
}
