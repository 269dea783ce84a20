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
import org.tongjie.platform.indicators.LibraryScope;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

import java.sql.SQLException;
import java.util.List;

@Path("/stuck-deliveries")
@Tag(name = "Stuck deliveries", description = "What sits in one status longer than its service level")
@Produces(MediaType.APPLICATION_JSON)
public class StuckResource {

    private final StuckStates stuck;
    private final LibraryScope scope;
    private final Caller caller;

    StuckResource(StuckStates stuck, LibraryScope scope, Caller caller) {
        this.stuck = stuck;
        this.scope = scope;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.LIBRARIAN})
    @Operation(summary = "List stuck orders, shipments and return pickups", description = "Oldest first, with how "
            + "far past its service level each is (tongjie.delivery.sla.<STATUS>, e.g. PICKING 2 days), a page at "
            + "a time. library (default the caller's own; operators and network administrators: the whole network) "
            + "with the libraries below it unless tree=false. Stuck transfers: GET /transfers?stuck=true. Counts "
            + "are also exported as the tongjie.delivery.stuck gauge.")
    @APIResponse(responseCode = "200", description = "A page of stuck items")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION: outside the caller's tree")
    @APIResponse(responseCode = "404", description = "LIBRARY_NOT_FOUND")
    public Page<StuckStates.Stuck> list(@QueryParam("library") String library,
            @QueryParam("tree") @DefaultValue("true") boolean tree,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10000) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size)
            throws SQLException {
        List<String> libraries = library == null && caller.actsNetworkWide()
                ? null : scope.resolve(caller, library, tree);
        return stuck.list(libraries, page, size);
    }
}
