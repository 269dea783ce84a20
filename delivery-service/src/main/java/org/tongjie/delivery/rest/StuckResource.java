package org.tongjie.delivery.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.delivery.service.StuckStates;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.security.Roles;

import java.util.List;

@Path("/stuck-deliveries")
@Tag(name = "Stuck deliveries", description = "What sits in one status longer than its service level")
@Produces(MediaType.APPLICATION_JSON)
public class StuckResource {

    private final StuckStates stuck;

    StuckResource(StuckStates stuck) {
        this.stuck = stuck;
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.LIBRARIAN})
    @Operation(summary = "List stuck orders, shipments and return pickups", description = "Oldest first, with how "
            + "far past its service level each is (tongjie.delivery.sla.<STATUS>, e.g. PICKING 2 days). Staff name "
            + "their library; operators may leave it out for the whole network. Stuck transfers: "
            + "GET /transfers?stuck=true. Counts are also exported as the tongjie.delivery.stuck gauge.")
    @APIResponse(responseCode = "200", description = "The stuck items")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    public List<StuckStates.Stuck> list(@QueryParam("library") String library,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return stuck.list(library, size);
    }
}
