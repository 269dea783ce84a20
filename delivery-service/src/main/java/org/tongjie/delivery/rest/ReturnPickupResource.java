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
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.delivery.domain.ReturnPickup;
import org.tongjie.delivery.rest.dto.DeliveryDtos;
import org.tongjie.delivery.service.ReturnPickups;
import org.tongjie.platform.idempotency.Idempotent;
import org.tongjie.platform.rest.ApiConventionsFilter;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.security.Roles;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Path("/return-pickups")
@Tag(name = "Return pickups", description = "A courier collects borrowed books from a reader's door")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReturnPickupResource {

    private final ReturnPickups pickups;

    ReturnPickupResource(ReturnPickups pickups) {
        this.pickups = pickups;
    }

    @Schema(name = "ReturnPickup")
    public record View(UUID id, String cardNumber, String libraryCode, String status, LocalDate pickupDate,
            String recipient, String regionCode, String addressLine, String carrier, String trackingNumber,
            String receivedAtServicePoint, Instant createdAt, Instant statusSince, List<String> barcodes) {

        static View of(ReturnPickup p, List<String> barcodes) {
            return new View(p.id(), p.cardNumber(), p.libraryCode(), p.status().name(), p.pickupDate(), p.recipient(),
                    p.regionCode(), p.addressLine(), p.carrier(), p.trackingNumber(), p.receivedAtServicePoint(),
                    p.createdAt(), p.statusSince(), barcodes);
        }
    }

    @POST
    @Idempotent
    @Parameter(ref = ApiConventionsFilter.IDEMPOTENCY_KEY)
    @RolesAllowed(Roles.PATRON)
    @Operation(summary = "Schedule a return pickup", description = "Of the reader's own open loans, at a saved "
            + "address inside the library's service area. On arrival at the library the copies are checked in there.")
    @APIResponse(responseCode = "201", description = "Scheduled")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid reader token")
    @APIResponse(responseCode = "403", description = "Not a reader")
    @APIResponse(responseCode = "422", description = "NOT_RETURNABLE (each barcode named), OUTSIDE_SERVICE_AREA, "
            + "ADDRESS_UNKNOWN, PICKUP_DATE_PAST, DUPLICATE_BARCODE, DELIVERY_NOT_OFFERED")
    public Response schedule(@NotNull @Valid DeliveryDtos.PickupRequest request) {
        ReturnPickup pickup = pickups.schedule(request.libraryCode(), request.addressId(), request.pickupDate(),
                request.barcodes());
        return Response.created(URI.create("/return-pickups/" + pickup.id())).entity(view(pickup)).build();
    }

    @GET
    @RolesAllowed({Roles.PATRON, Roles.LIBRARIAN, Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "List return pickups", description = "A reader sees their own; staff name their library.")
    @APIResponse(responseCode = "200", description = "A page of pickups, newest first")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "422", description = "LIBRARY_REQUIRED")
    public Page<View> list(@QueryParam("library") String library, @QueryParam("status") ReturnPickup.Status status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10000) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return pickups.list(library, status, page, size).map(p -> View.of(p, List.of()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PATRON, Roles.LIBRARIAN, Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Get a return pickup")
    @APIResponse(responseCode = "200", description = "The pickup")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "RETURN_PICKUP_NOT_FOUND")
    public View get(@PathParam("id") UUID id) {
        return view(pickups.visible(id));
    }

    @POST
    @Path("/{id}/courier")
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Book a courier for a return pickup", description = "The carrier's PICKED_UP report on "
            + "the webhook then marks it collected.")
    @APIResponse(responseCode = "200", description = "Booked")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "RETURN_PICKUP_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "RETURN_PICKUP_STATUS_CONFLICT")
    @APIResponse(responseCode = "422", description = "CARRIER_UNKNOWN")
    public View bookCourier(@PathParam("id") UUID id, @NotNull @Valid DeliveryDtos.Courier courier) {
        return view(pickups.bookCourier(id, courier.carrier(), courier.trackingNumber()));
    }

    @POST
    @Path("/{id}/receipt")
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Receive returned books at a desk", description = "→ RECEIVED; circulation checks each "
            + "copy in at this service point (fines, routing home or to the next reader as at any check-in).")
    @APIResponse(responseCode = "200", description = "Received")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "RETURN_PICKUP_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "RETURN_PICKUP_STATUS_CONFLICT")
    @APIResponse(responseCode = "422", description = "SERVICE_POINT_UNKNOWN")
    public View receive(@PathParam("id") UUID id, @NotNull @Valid DeliveryDtos.PickupReceipt receipt) {
        return view(pickups.receive(id, receipt.servicePointCode()));
    }

    @POST
    @Path("/{id}/cancellation")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.PATRON, Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Cancel a scheduled return pickup")
    @APIResponse(responseCode = "200", description = "Cancelled")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "RETURN_PICKUP_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "RETURN_PICKUP_STATUS_CONFLICT")
    public View cancel(@PathParam("id") UUID id) {
        return view(pickups.cancel(id));
    }

    private View view(ReturnPickup pickup) {
        return View.of(pickup, pickups.barcodes(pickup.id()));
    }
}
