package org.tongjie.catalog.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.catalog.domain.Copy;
import org.tongjie.catalog.rest.dto.CopyRequest;
import org.tongjie.catalog.rest.dto.CopyResponse;
import org.tongjie.catalog.service.HoldingsService;
import org.tongjie.platform.idempotency.Idempotent;
import org.tongjie.platform.rest.ApiConventionsFilter;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Roles;

@Path("/copies")
@Tag(name = "Copies", description = "Physical items held by the libraries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CopyResource {

    private final HoldingsService service;

    CopyResource(HoldingsService service) {
        this.service = service;
    }

    @GET
    @Path("/{barcode}")
    @PermitAll
    @Operation(summary = "Get one copy by barcode")
    @APIResponse(responseCode = "200", description = "The copy")
    @APIResponse(responseCode = "404", description = "COPY_NOT_FOUND")
    public CopyResponse get(@PathParam("barcode") String barcode) {
        return service.copy(barcode).map(CopyResponse::from)
                .orElseThrow(() -> ProblemException.notFound("COPY_NOT_FOUND", "No copy " + barcode));
    }

    @POST
    @Idempotent
    @Parameter(ref = ApiConventionsFilter.IDEMPOTENCY_KEY)
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN, Roles.SYSTEM})
    @Operation(summary = "Register a copy", description = "Adds a copy of a record to the caller's library at one "
            + "of its service points. The barcode must be unique in the whole network. Publishes CopyRegistered "
            + "on catalog.copies, after which loan-service can lend it.")
    @APIResponse(responseCode = "201", description = "Registered; Location names the copy")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION: the service point belongs to "
            + "another library")
    @APIResponse(responseCode = "409", description = "COPY_BARCODE_TAKEN")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED, RECORD_UNKNOWN, SERVICE_POINT_UNKNOWN")
    public Response register(@NotNull @Valid CopyRequest request, @Context UriInfo uri) {
        Copy copy = service.register(request.toNewCopy());
        return Response.created(uri.getAbsolutePathBuilder().path(copy.barcode()).build())
                .entity(CopyResponse.from(copy)).build();
    }
}
