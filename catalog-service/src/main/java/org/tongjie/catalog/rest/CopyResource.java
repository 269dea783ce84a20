package org.tongjie.catalog.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
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
import org.tongjie.catalog.rest.dto.CopyRevision;
import org.tongjie.catalog.service.HoldingsService;
import org.tongjie.platform.idempotency.Idempotent;
import org.tongjie.platform.rest.ApiConventionsFilter;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.rest.ETags;
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
    @APIResponse(responseCode = "200", description = "The copy, with its ETag")
    @APIResponse(responseCode = "404", description = "COPY_NOT_FOUND")
    public Response get(@PathParam("barcode") String barcode) {
        Copy copy = service.copy(barcode)
                .orElseThrow(() -> ProblemException.notFound("COPY_NOT_FOUND", "No copy " + barcode));
        return withTag(copy).build();
    }

    @PUT
    @Path("/{barcode}")
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN, Roles.SYSTEM})
    @Operation(summary = "Revise a copy", description = "Moves the copy to another record, another service point "
            + "of its library, a new call number or loan type. Send the ETag you read as If-Match. Publishes "
            + "CopyUpdated when something changed.")
    @APIResponse(responseCode = "200", description = "The copy as it now is, with its new ETag")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "COPY_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "COPY_WITHDRAWN, CONCURRENT_MODIFICATION")
    @APIResponse(responseCode = "412", description = "PRECONDITION_FAILED: changed since it was read")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED, RECORD_UNKNOWN, SERVICE_POINT_UNKNOWN, "
            + "SERVICE_POINT_OF_ANOTHER_LIBRARY")
    @APIResponse(responseCode = "428", description = "PRECONDITION_REQUIRED: If-Match missing")
    public Response revise(@PathParam("barcode") String barcode,
            @HeaderParam(ETags.IF_MATCH) @Parameter(description = "The ETag of the copy as read") String ifMatch,
            @NotNull @Valid CopyRevision revision) {
        return withTag(service.revise(barcode, ETags.requiredVersion(ifMatch), revision.toFields(barcode))).build();
    }

    @DELETE
    @Path("/{barcode}")
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN, Roles.SYSTEM})
    @Operation(summary = "Withdraw a copy", description = "Takes the copy out of the collection: it is no longer "
            + "lent or found available; its record stays. Withdrawing again changes nothing. Publishes "
            + "CopyWithdrawn.")
    @APIResponse(responseCode = "200", description = "The withdrawn copy")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "COPY_NOT_FOUND")
    public Response withdraw(@PathParam("barcode") String barcode) {
        return withTag(service.withdraw(barcode)).build();
    }

    private static Response.ResponseBuilder withTag(Copy copy) {
        return Response.ok(CopyResponse.from(copy)).tag(new EntityTag(Long.toString(copy.version())));
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
        Copy copy = service.register(request.toFields());
        return Response.created(uri.getAbsolutePathBuilder().path(copy.barcode()).build())
                .entity(CopyResponse.from(copy)).tag(new EntityTag(Long.toString(copy.version()))).build();
    }
}
