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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.delivery.domain.Shipment;
import org.tongjie.delivery.domain.ShipmentStatus;
import org.tongjie.delivery.rest.dto.DeliveryDtos;
import org.tongjie.delivery.rest.dto.ShipmentResponse;
import org.tongjie.delivery.service.ShipmentJournal;
import org.tongjie.delivery.service.Shipments;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.rest.Page;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

import java.util.List;
import java.util.UUID;

@Path("/")
@Tag(name = "Shipments", description = "Parcels of delivery orders: packing, hand-over, tracking, lockers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ShipmentResource {

    private final Shipments shipments;
    private final ShipmentJournal journal;
    private final Caller caller;

    ShipmentResource(Shipments shipments, ShipmentJournal journal, Caller caller) {
        this.shipments = shipments;
        this.journal = journal;
        this.caller = caller;
    }

    @GET
    @Path("shipments")
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "List the shipments leaving a library", description = "Oldest in their status first; "
            + "stuck=true keeps only those in one status longer than its service level.")
    @APIResponse(responseCode = "200", description = "A page of shipments (without items and timeline)")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    public Page<ShipmentResponse> list(@QueryParam("library") @NotNull String library,
            @QueryParam("status") ShipmentStatus status, @QueryParam("stuck") boolean stuck,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10000) int page,
            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return shipments.ofLibrary(library, status, stuck, page, size).map(s -> ShipmentResponse.from(s, List.of(),
                List.of(), shipments.isStuck(s), false));
    }

    @GET
    @Path("shipments/{id}")
    @RolesAllowed({Roles.PATRON, Roles.LIBRARIAN, Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Track a shipment", description = "Its copies and timeline: every status with time and "
            + "place, and the estimated delivery. The locker pickup code is shown to the reader only.")
    @APIResponse(responseCode = "200", description = "The shipment")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "SHIPMENT_NOT_FOUND (also for another reader's)")
    public ShipmentResponse get(@PathParam("id") UUID id) {
        return view(shipments.visible(id));
    }

    @POST
    @Path("shipments/{id}/packing")
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Pack a shipment", description = "Scan every copy of it; PICKING → PACKED. A missing or "
            + "foreign barcode is named and nothing changes. The same scan of a packed shipment again (a retry) "
            + "changes nothing.")
    @APIResponse(responseCode = "200", description = "Packed")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "SHIPMENT_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "SHIPMENT_STATUS_CONFLICT")
    @APIResponse(responseCode = "422", description = "SCAN_MISMATCH")
    public ShipmentResponse pack(@PathParam("id") UUID id, @NotNull @Valid DeliveryDtos.Scan scan) {
        return view(shipments.pack(id, scan.barcodes()));
    }

    @POST
    @Path("shipments/{id}/hand-over")
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Hand a packed shipment to a courier", description = "PACKED → HANDED_TO_COURIER under "
            + "the carrier's tracking number; the copies are IN_DELIVERY from now on and the order can no longer be "
            + "cancelled. Handing it over again under the same carrier and number (a retry) changes nothing.")
    @APIResponse(responseCode = "200", description = "Handed over")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "SHIPMENT_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "SHIPMENT_STATUS_CONFLICT, TRACKING_NUMBER_TAKEN")
    @APIResponse(responseCode = "422", description = "CARRIER_UNKNOWN")
    public ShipmentResponse handOver(@PathParam("id") UUID id, @NotNull @Valid DeliveryDtos.Courier courier) {
        return view(shipments.handOver(id, courier.carrier(), courier.trackingNumber()));
    }

    @POST
    @Path("shipments/{id}/return-receipt")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Take back a shipment the courier could not deliver", description = "→ RETURNED_TO_LIBRARY; "
            + "the holds close unfilled and the copies go back on the shelf (or to the next reader).")
    @APIResponse(responseCode = "200", description = "Received back")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "SHIPMENT_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "SHIPMENT_NOT_ON_THE_ROAD")
    public ShipmentResponse receiveBack(@PathParam("id") UUID id) {
        return view(shipments.receiveBack(id));
    }

    @POST
    @Path("locker-collections")
    @RolesAllowed({Roles.LIBRARIAN, Roles.ADMIN, Roles.SYSTEM})
    @Operation(summary = "Record a parcel collected from a locker", description = "Called by the locker's system "
            + "(a machine client of the locker's library) when a reader opens it with the pickup code: DELIVERED → "
            + "COLLECTED and the loans start.")
    @APIResponse(responseCode = "200", description = "Collected")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "422", description = "PICKUP_CODE_UNKNOWN, SERVICE_POINT_UNKNOWN")
    public ShipmentResponse collect(@NotNull @Valid DeliveryDtos.Collection collection) {
        return view(shipments.collect(collection.deliveryPointCode(), collection.pickupCode()));
    }

    @POST
    @Path("shipments/locker-expiry-runs")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Expire uncollected locker parcels now", description = "Also runs every 15 minutes. "
            + "Parcels past their pickup deadline become UNCOLLECTED; their copies travel home from the locker.")
    @APIResponse(responseCode = "200", description = "How many parcels expired")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an operator or administrator")
    public java.util.Map<String, Integer> expireLockers() {
        if (caller.library().isPresent() && !caller.hasRole(Roles.OPERATOR)) {
            throw ProblemException.forbidden("NETWORK_ADMIN_ONLY", "Only operators or network administrators");
        }
        return java.util.Map.of("expired", shipments.expireUncollected());
    }

    private ShipmentResponse view(Shipment s) {
        boolean reader = caller.hasRole(Roles.PATRON);
        return ShipmentResponse.from(s, journal.itemsOf(s.id()), journal.timeline(s.id()), shipments.isStuck(s),
                reader);
    }
}
