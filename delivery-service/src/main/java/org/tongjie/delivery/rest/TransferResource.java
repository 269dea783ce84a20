package org.tongjie.delivery.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.delivery.domain.Transfer;
import org.tongjie.delivery.rest.dto.DeliveryDtos;
import org.tongjie.delivery.service.Transfers;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.security.Roles;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/")
@Tag(name = "Transfers", description = "Copies travelling between libraries for 通借通还: pick, dispatch, receive")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN, Roles.OPERATOR})
public class TransferResource {

    private final Transfers transfers;
    private final org.tongjie.platform.indicators.LibraryScope scope;
    private final org.tongjie.platform.security.Caller caller;

    TransferResource(Transfers transfers, org.tongjie.platform.indicators.LibraryScope scope,
            org.tongjie.platform.security.Caller caller) {
        this.scope = scope;
        this.caller = caller;
        this.transfers = transfers;
    }

    /** A transfer as staff see it, with its age. */
    @Schema(name = "Transfer")
    public record TransferView(UUID id, String barcode, String fromServicePoint, String toServicePoint,
            String fromLibrary, String toLibrary, String reason, String status, Instant requestedAt,
            Instant dispatchedAt, Instant closedAt, UUID batchId, long ageHours,
            @Schema(description = "Open longer than the network tolerates") boolean stuck) {

        static TransferView of(Transfer t, boolean stuck) {
            Instant end = t.closedAt() != null ? t.closedAt() : Instant.now();
            return new TransferView(t.id(), t.barcode(), t.fromServicePoint(), t.toServicePoint(), t.fromLibrary(),
                    t.toLibrary(), t.reason(), t.status().name(), t.requestedAt(), t.dispatchedAt(), t.closedAt(),
                    t.batchId(), Duration.between(t.requestedAt(), end).toHours(), stuck);
        }
    }

    @GET
    @Path("transfers")
    @Operation(summary = "List transfers from or to a library", description = "Oldest first. status=IN_TRANSIT "
            + "gives the in-transit report; stuck=true keeps those open longer than the configured days. tree=true "
            + "adds the libraries below it; without library, stuck=true lists the caller's tree (the whole network "
            + "for operators).")
    @APIResponse(responseCode = "200", description = "A page of transfers")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "LIBRARY_NOT_FOUND (with tree=true)")
    @APIResponse(responseCode = "422", description = "LIBRARY_UNKNOWN")
    public Page<TransferView> list(@QueryParam("library") String library,
            @QueryParam("tree") boolean tree,
            @QueryParam("status") Transfer.Status status, @QueryParam("stuck") boolean stuck,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10000) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size)
            throws java.sql.SQLException {
        if (library == null && !stuck) {
            throw org.tongjie.platform.problem.ProblemException.invalidField("VALIDATION_FAILED", "library",
                    "Name a library; only the stuck list covers the whole network");
        }
        Page<org.tongjie.delivery.domain.Transfer> found = library != null && !tree
                ? transfers.list(library, status, stuck, page, size)
                : transfers.list(scope.resolve(caller, library, true), status, stuck, page, size);
        return found.map(t -> TransferView.of(t, transfers.isStuck(t)));
    }

    @GET
    @Path("pick-lists/{servicePointCode}")
    @Operation(summary = "Get a service point's pick list", description = "What to pull from the shelf, oldest "
            + "first: copies to send to other libraries (TRANSFER) and copies of delivery parcels to pack (DELIVERY).")
    @APIResponse(responseCode = "200", description = "The pick list (at most 'size' entries)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "422", description = "SERVICE_POINT_UNKNOWN")
    public List<Transfers.PickItem> pickList(@PathParam("servicePointCode") String servicePointCode,
            @QueryParam("size") @DefaultValue("200") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return transfers.pickList(servicePointCode, size);
    }

    @POST
    @Path("transfer-dispatches")
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Dispatch scanned copies", description = "Every copy must be on this service point's pick "
            + "list; they leave in one batch per destination library (route) and are IN_TRANSIT from now on.")
    @APIResponse(responseCode = "200", description = "The batches, one per route")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "422", description = "NO_TRANSFER_WAITING (each offending barcode named), "
            + "SERVICE_POINT_UNKNOWN")
    public List<Transfers.Batch> dispatch(@NotNull @Valid DeliveryDtos.Dispatch request) {
        return transfers.dispatch(request.servicePointCode(), request.barcodes());
    }

    @POST
    @Path("transfer-receipts")
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Receive a copy at its destination", description = "The receiving scan: the transfer "
            + "closes and circulation routes the copy on (onto the shelf, or onto the hold shelf for a reader).")
    @APIResponse(responseCode = "200", description = "Received")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "409", description = "WRONG_DESTINATION")
    @APIResponse(responseCode = "422", description = "NO_TRANSFER_OPEN, SERVICE_POINT_UNKNOWN")
    public TransferView receive(@NotNull @Valid DeliveryDtos.Receipt request) {
        return TransferView.of(transfers.receive(request.servicePointCode(), request.barcode()), false);
    }
}
