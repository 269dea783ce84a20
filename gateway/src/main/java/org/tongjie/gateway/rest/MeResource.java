package org.tongjie.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.gateway.proxy.ReverseProxy;
import org.tongjie.gateway.rest.Composition.Part;
import org.tongjie.gateway.rest.dto.MeView;
import org.tongjie.platform.security.Roles;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reader's app in one call: profile, loans, holds, deliveries, fines and blocks, fetched from the services
 * in parallel. A service that is down or slow leaves its part empty and named in {@code gaps}; the rest still
 * comes back.
 */
@Path("/api/v1/me")
@Tag(name = "Me", description = "The signed-in reader's own account, composed from every service")
public class MeResource {

    private final Composition composition;
    private final JsonWebToken caller;

    MeResource(Composition composition, JsonWebToken caller) {
        this.composition = composition;
        this.caller = caller;
    }


    @GET
    @RolesAllowed(Roles.PATRON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "My account", description = "Profile, open loans (with titles, due dates and whether they "
            + "are overdue), open holds (with titles, queue positions and pickup points), recent delivery orders "
            + "(with shipments' tracking status), fines and what blocks borrowing — in one call, the services "
            + "asked in parallel. When a service cannot answer within 2 seconds its parts are null and listed in "
            + "gaps; the answer is still 200. Actions: POST /me/holds, DELETE /me/holds/{id}, PUT "
            + "/me/holds/{id}/suspension, POST /me/renewals, POST /me/delivery-orders, POST /me/return-pickups.")
    @APIResponse(responseCode = "200", description = "The account, possibly with gaps", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MeView.class),
            examples = @ExampleObject(name = "loan-service down", value = "{\"cardNumber\": \"3201140000001\", "
                    + "\"profile\": null, \"loans\": null, \"holds\": null, \"deliveries\": [], \"fines\": null, "
                    + "\"blocks\": null, \"gaps\": [{\"part\": \"profile\", \"service\": \"loan\", \"status\": 503, "
                    + "\"code\": \"UPSTREAM_UNAVAILABLE\"}], \"complete\": false}")))
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a reader's token")
    public Uni<MeView> me(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context RoutingContext ctx) {
        String card = URLEncoder.encode(caller.getSubject(), StandardCharsets.UTF_8);
        String requestId = ctx == null ? null : ctx.get(ReverseProxy.REQUEST_ID);
        Uni<Part> profile = part("profile", "loan", "/patrons/" + card, authorization, requestId);
        Uni<Part> loans = part("loans", "loan", "/patrons/" + card + "/loans?status=OPEN&size=100", authorization,
                requestId);
        Uni<Part> holds = part("holds", "loan", "/patrons/" + card + "/holds?open=true&size=100", authorization,
                requestId);
        Uni<Part> deliveries = part("deliveries", "delivery", "/delivery-orders?size=20", authorization,
                requestId);
        return Uni.combine().all().unis(profile, loans, holds, deliveries).asTuple()
                .flatMap(parts -> withTitles(parts.getItem3(), authorization, requestId).map(titled ->
                        assemble(parts.getItem1(), parts.getItem2(), titled, parts.getItem4())));
    }

    private MeView assemble(Part profile, Part loans, Part holds, Part deliveries) {
        List<MeView.Gap> gaps = new ArrayList<>();
        for (Part part : List.of(profile, loans, holds, deliveries)) {
            if (part.gap() != null && gaps.stream().noneMatch(g -> g.equals(part.gap()))) {
                gaps.add(part.gap());
            }
        }
        JsonNode loanItems = items(loans);
        MeView.Fines fines = null;
        List<String> blocks = null;
        if (profile.value() != null) {
            long accruing = 0;
            if (loanItems != null) {
                for (JsonNode loan : loanItems) {
                    accruing += loan.path("fineFen").asLong();
                }
            }
            fines = new MeView.Fines(profile.value().path("fineBalanceFen").asLong(), loanItems == null ? null
                    : accruing);
            blocks = new ArrayList<>();
            for (JsonNode block : profile.value().path("blocks")) {
                blocks.add(block.asText());
            }
        }
        return new MeView(caller.getSubject(), profile.value(), loanItems, items(holds), items(deliveries), fines,
                blocks, gaps, gaps.isEmpty());
    }

    /** Adds each hold's title from the catalog; without the catalog the holds come back untitled. */
    private Uni<Part> withTitles(Part holds, String authorization, String requestId) {
        JsonNode items = items(holds);
        if (items == null || items.isEmpty()) {
            return Uni.createFrom().item(holds);
        }
        Set<String> ids = new LinkedHashSet<>();
        items.forEach(hold -> ids.add(hold.path("recordId").asText()));
        String query = "/records/lookup?id=" + String.join("&id=", ids);
        return part("titles", "catalog", query, authorization, requestId).map(titles -> {
            if (titles.value() == null) {
                return new Part(holds.value(), titles.gap());
            }
            Map<String, String> byId = new java.util.HashMap<>();
            titles.value().forEach(record -> byId.put(record.path("id").asText(), record.path("title").asText()));
            items.forEach(hold -> ((ObjectNode) hold).put("title", byId.get(hold.path("recordId").asText())));
            return holds;
        });
    }

    private static JsonNode items(Part part) {
        return part.value() == null ? null : part.value().has("items") ? part.value().get("items") : part.value();
    }

    private Uni<Part> part(String name, String service, String path, String authorization, String requestId) {
        return composition.part(name, service, path, authorization, requestId);
    }
}
