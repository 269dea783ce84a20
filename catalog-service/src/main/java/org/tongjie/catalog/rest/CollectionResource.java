package org.tongjie.catalog.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.catalog.domain.ThemedCollection;
import org.tongjie.catalog.rest.dto.CollectionItemRequest;
import org.tongjie.catalog.rest.dto.CollectionRequest;
import org.tongjie.catalog.rest.dto.CollectionResponse;
import org.tongjie.catalog.service.Collections;
import org.tongjie.platform.idempotency.Idempotent;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.rest.ApiConventionsFilter;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

import java.util.UUID;

@Path("/collections")
@Tag(name = "Collections", description = "Themed collections (专题) of records from across the network")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CollectionResource {

    private final Collections collections;
    private final Caller caller;

    CollectionResource(Collections collections, Caller caller) {
        this.collections = collections;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(summary = "List themed collections", description = "Most recently updated first.")
    @APIResponse(responseCode = "200", description = "A page of collections")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: paging out of range")
    public Page<CollectionResponse> list(
            @QueryParam("library") @Pattern(regexp = "[A-Z0-9][A-Z0-9_-]{1,31}") String library,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return collections.list(library, page, size).map(CollectionResponse::from);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Get one themed collection")
    @APIResponse(responseCode = "200", description = "The collection")
    @APIResponse(responseCode = "404", description = "COLLECTION_NOT_FOUND")
    public CollectionResponse get(@PathParam("id") UUID id) {
        return CollectionResponse.from(collections.find(id));
    }

    @GET
    @Path("/{id}/records")
    @PermitAll
    @Operation(summary = "The records of a themed collection", description = "In the order they were added.")
    @APIResponse(responseCode = "200", description = "A page of records")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: paging out of range")
    @APIResponse(responseCode = "404", description = "COLLECTION_NOT_FOUND")
    public Page<Collections.Item> records(@PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return collections.items(id, page, size);
    }

    @POST
    @Idempotent
    @Parameter(ref = ApiConventionsFilter.IDEMPOTENCY_KEY)
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Start a themed collection", description = "For the caller's library.")
    @APIResponse(responseCode = "201", description = "Started")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED, LIBRARY_REQUIRED, LIBRARY_UNKNOWN")
    public Response curate(@NotNull @Valid CollectionRequest request, @Context UriInfo uri) {
        String library = request.libraryCode() != null ? request.libraryCode() : caller.library().orElseThrow(() ->
                ProblemException.invalidField("LIBRARY_REQUIRED", "libraryCode", "Say which library curates it"));
        ThemedCollection collection = collections.curate(library, request.title(), request.description());
        return Response.created(uri.getAbsolutePathBuilder().path(collection.id().toString()).build())
                .entity(CollectionResponse.from(collection)).build();
    }

    @POST
    @Path("/{id}/records")
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Add a record to a collection", description = "Any record of the network; adding it again "
            + "changes nothing.")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "200", description = "Already in the collection")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION: another library's collection")
    @APIResponse(responseCode = "404", description = "COLLECTION_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "COLLECTION_FULL")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED, RECORD_UNKNOWN")
    public Response add(@PathParam("id") UUID id, @NotNull @Valid CollectionItemRequest request) {
        boolean added = collections.add(id, request.recordId(), request.note());
        return Response.status(added ? Response.Status.CREATED : Response.Status.OK).build();
    }

    @DELETE
    @Path("/{id}/records/{recordId}")
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Remove a record from a collection")
    @APIResponse(responseCode = "204", description = "Removed, or was not there")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "COLLECTION_NOT_FOUND")
    public void remove(@PathParam("id") UUID id, @PathParam("recordId") UUID recordId) {
        collections.remove(id, recordId);
    }
}
