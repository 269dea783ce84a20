package org.tongjie.catalog.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.catalog.rest.dto.AcquisitionRequest;
import org.tongjie.catalog.rest.dto.AcquisitionResponse;
import org.tongjie.catalog.service.Acquisitions;
import org.tongjie.platform.security.BookstoreAccess;
import org.tongjie.platform.security.Roles;

@Path("/libraries/{library}/acquisitions")
@Tag(name = "Acquisitions", description = "Books bought for readers at partner bookstores (你选书·我买单)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AcquisitionResource {

    private final Acquisitions acquisitions;

    AcquisitionResource(Acquisitions acquisitions) {
        this.acquisitions = acquisitions;
    }

    @POST
    @BookstoreAccess
    @RolesAllowed(Roles.SYSTEM)
    @Operation(summary = "Make the provisional copy of a bookstore purchase", description = "Called by loan-service "
            + "with the bookstore's token while it records a purchase (`POST /bookstores/{code}/purchases` is the "
            + "public entry). Matches the record by ISBN or creates it, applies the library's limits and makes a "
            + "copy with a new barcode, invisible until loan-service has lent it. The same purchase id returns "
            + "the same copy.")
    @APIResponse(responseCode = "200", description = "The provisional copy")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "BOOKSTORE_ONLY, BOOKSTORE_SCOPE_VIOLATION")
    @APIResponse(responseCode = "409", description = "PURCHASE_ABANDONED, PURCHASE_CONFLICT, "
            + "PURCHASE_OF_ANOTHER_BOOKSTORE")
    @APIResponse(responseCode = "422", description = "ENOUGH_COPIES_IN_NETWORK, CATEGORY_EXCLUDED, "
            + "RECORD_DATA_REQUIRED, INVALID_ISBN, SERVICE_POINT_UNKNOWN, VALIDATION_FAILED")
    public AcquisitionResponse acquire(@PathParam("library") String library,
            @NotNull @Valid AcquisitionRequest request) {
        return AcquisitionResponse.of(acquisitions.acquire(library, request));
    }
}
