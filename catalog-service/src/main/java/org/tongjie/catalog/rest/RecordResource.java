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
import org.tongjie.catalog.domain.BibRecord;
import org.tongjie.catalog.rest.dto.RecordRequest;
import org.tongjie.catalog.rest.dto.RecordResponse;
import org.tongjie.catalog.service.HoldingsService;
import org.tongjie.platform.idempotency.Idempotent;
import org.tongjie.platform.rest.ApiConventionsFilter;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Roles;

import java.util.UUID;

@Path("/records")
@Tag(name = "Records", description = "Bibliographic records of the union catalog")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RecordResource {

    private final HoldingsService service;

    RecordResource(HoldingsService service) {
        this.service = service;
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Get one record")
    @APIResponse(responseCode = "200", description = "The record")
    @APIResponse(responseCode = "404", description = "RECORD_NOT_FOUND")
    public RecordResponse get(@PathParam("id") UUID id) {
        return service.record(id).map(RecordResponse::from)
                .orElseThrow(() -> ProblemException.notFound("RECORD_NOT_FOUND", "No record " + id));
    }

    @POST
    @Idempotent
    @Parameter(ref = ApiConventionsFilter.IDEMPOTENCY_KEY)
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN, Roles.SYSTEM})
    @Operation(summary = "Catalogue a record", description = "The ISBN is checked and stored as ISBN-13; "
            + "one record per ISBN in the whole network.")
    @APIResponse(responseCode = "201", description = "Catalogued; Location names the record")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not staff or a library system")
    @APIResponse(responseCode = "409", description = "RECORD_ISBN_EXISTS")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED, INVALID_ISBN")
    public Response catalogue(@NotNull @Valid RecordRequest request, @Context UriInfo uri) {
        BibRecord record = service.catalogue(request.toDescription());
        return Response.created(uri.getAbsolutePathBuilder().path(record.id().toString()).build())
                .entity(RecordResponse.from(record)).build();
    }
}
