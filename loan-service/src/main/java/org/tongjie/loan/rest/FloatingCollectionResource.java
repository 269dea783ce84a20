package org.tongjie.loan.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tongjie.loan.rest.dto.Codes;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.loan.service.FloatingCollections;
import org.tongjie.platform.security.Roles;

@Path("/floating-collections/{library}")
@Tag(name = "Loan policies", description = "How each library lends")
@Produces(MediaType.APPLICATION_JSON)
public class FloatingCollectionResource {

    private static final String CODE = Codes.PATTERN;

    private final FloatingCollections floating;

    FloatingCollectionResource(FloatingCollections floating) {
        this.floating = floating;
    }

    /** Whether a library's collection floats. */
    @Schema(name = "FloatingCollection")
    public record View(@Schema(example = "JLL") String libraryCode, boolean floating) {
    }

    @GET
    @PermitAll
    @Operation(summary = "Does a library's collection float?")
    @APIResponse(responseCode = "200", description = "Whether it floats")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: not a library code")
    public View get(@PathParam("library") @Pattern(regexp = CODE) String library) {
        return new View(library, floating.floats(library));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Let a library's collection float (浮动馆藏)", description = "From now on a copy of this "
            + "library or of one of its branches, checked in anywhere in this library's tree with no hold waiting, "
            + "stays on the shelf there (routing FLOAT_HERE) instead of travelling home. By an administrator of the "
            + "library.")
    @APIResponse(responseCode = "200", description = "It floats")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "LIBRARY_UNKNOWN")
    public View enable(@PathParam("library") @Pattern(regexp = CODE) String library) {
        floating.set(library, true);
        return new View(library, true);
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Stop a library's collection floating", description = "Copies returned from now on go "
            + "home again, floated ones included.")
    @APIResponse(responseCode = "200", description = "It no longer floats")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "LIBRARY_UNKNOWN")
    public View disable(@PathParam("library") @Pattern(regexp = CODE) String library) {
        floating.set(library, false);
        return new View(library, false);
    }
}
