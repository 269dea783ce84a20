package org.tongjie.loan.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.loan.domain.Hold;
import org.tongjie.loan.rest.dto.HoldRequest;
import org.tongjie.loan.rest.dto.HoldResponse;
import org.tongjie.loan.service.Holds;
import org.tongjie.platform.idempotency.Idempotent;
import org.tongjie.platform.rest.ApiConventionsFilter;
import org.tongjie.platform.security.Roles;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

@Path("/holds")
@Tag(name = "Holds", description = "Title-level requests for a copy held anywhere in the network")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HoldResource {

    private final Holds holds;

    HoldResource(Holds holds) {
        this.holds = holds;
    }

    @POST
    @Idempotent
    @Parameter(ref = ApiConventionsFilter.IDEMPOTENCY_KEY)
    @RolesAllowed({Roles.PATRON, Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Place a hold", description = "For any copy of the record, to collect at a service point. "
            + "The best available copy is promised at once: one already on the pickup point's shelf, else one at "
            + "the nearest library in the tree; it is never a copy promised to someone else. Without one the hold "
            + "waits in the record's queue and the first copy checked in anywhere fills it.")
    @APIResponse(responseCode = "201", description = "Placed")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "409", description = "DUPLICATE_HOLD")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED, PICKUP_POINT_UNKNOWN, PATRON_NOT_FOUND, "
            + "CARD_NUMBER_REQUIRED, RECORD_HAS_NO_COPIES, HOLD_LIMIT_REACHED, PATRON_BLOCKED")
    public Response place(@NotNull @Valid HoldRequest request) {
        Hold hold = holds.place(request.cardNumber(), request.recordId(), request.pickupServicePointCode());
        return Response.created(URI.create("/holds/" + hold.id()))
                .entity(HoldResponse.from(hold, holds.queuePosition(hold))).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PATRON, Roles.LIBRARIAN, Roles.ADMIN, Roles.SYSTEM})
    @Operation(summary = "Get a hold with its queue position")
    @APIResponse(responseCode = "200", description = "The hold")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "HOLD_NOT_FOUND (also for another reader's hold)")
    public HoldResponse get(@PathParam("id") UUID id) {
        Hold hold = holds.visible(id);
        return HoldResponse.from(hold, holds.queuePosition(hold));
    }

    /** Until when to suspend a hold; absent resumes it. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "HoldSuspension")
    public record Suspension(@jakarta.validation.constraints.FutureOrPresent java.time.LocalDate until) {
    }

    @jakarta.ws.rs.PUT
    @Path("/{id}/suspension")
    @RolesAllowed({Roles.PATRON, Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Suspend or resume a hold", description = "While suspended (through the given day) the "
            + "hold keeps its place in the queue, but no copy is promised to it and it does not stop renewals. "
            + "until absent or null resumes it.")
    @APIResponse(responseCode = "200", description = "The hold")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "HOLD_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "HOLD_NOT_SUSPENDABLE: a copy is already promised")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: until in the past")
    public HoldResponse suspend(@PathParam("id") UUID id, @NotNull @Valid Suspension suspension) {
        Hold hold = holds.suspend(id, suspension.until());
        return HoldResponse.from(hold, holds.queuePosition(hold));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.PATRON, Roles.LIBRARIAN, Roles.ADMIN})
    @Operation(summary = "Cancel a hold", description = "A copy waiting on the hold shelf for it goes on to the next "
            + "reader or home. Cancelling a closed hold changes nothing.")
    @APIResponse(responseCode = "200", description = "The cancelled hold")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "HOLD_NOT_FOUND")
    public HoldResponse cancel(@PathParam("id") UUID id) {
        Hold hold = holds.cancel(id);
        return HoldResponse.from(hold, 0);
    }

    @POST
    @Path("/expiry-runs")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Expire uncollected holds now", description = "Also runs every hour. Holds whose pickup "
            + "date passed close as CLOSED_PICKUP_EXPIRED and their copies go to the next reader or home.")
    @APIResponse(responseCode = "200", description = "How many holds expired")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an operator or administrator")
    public Map<String, Integer> expire() {
        return Map.of("expired", holds.expireUncollected());
    }
}
