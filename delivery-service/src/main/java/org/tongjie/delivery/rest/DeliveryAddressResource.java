package org.tongjie.delivery.rest;

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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.delivery.rest.dto.DeliveryDtos;
import org.tongjie.delivery.service.DeliveryRules;
import org.tongjie.platform.security.Caller;
import org.tongjie.platform.security.Roles;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/delivery-addresses")
@Tag(name = "Delivery addresses", description = "A reader's saved addresses for deliveries and return pickups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PATRON)
public class DeliveryAddressResource {

    private final DeliveryRules rules;
    private final Caller caller;

    DeliveryAddressResource(DeliveryRules rules, Caller caller) {
        this.rules = rules;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Save an address")
    @APIResponse(responseCode = "201", description = "Saved")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid reader token")
    @APIResponse(responseCode = "403", description = "Not a reader")
    @APIResponse(responseCode = "422", description = "ADDRESS_LIMIT_REACHED")
    public Response save(@NotNull @Valid DeliveryDtos.AddressRequest request) {
        var address = rules.saveAddress(caller.subject(), request.recipient(), request.phone(), request.regionCode(),
                request.line());
        return Response.created(URI.create("/delivery-addresses/" + address.id()))
                .entity(DeliveryDtos.Address.from(address)).build();
    }

    @GET
    @Operation(summary = "List my saved addresses", description = "At most 20, oldest first.")
    @APIResponse(responseCode = "200", description = "The addresses")
    @APIResponse(responseCode = "401", description = "No valid reader token")
    @APIResponse(responseCode = "403", description = "Not a reader")
    public List<DeliveryDtos.Address> list() {
        return rules.addressesOf(caller.subject()).stream().map(DeliveryDtos.Address::from).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a saved address", description = "Orders that used it keep their copy of it.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "401", description = "No valid reader token")
    @APIResponse(responseCode = "403", description = "Not a reader")
    @APIResponse(responseCode = "404", description = "ADDRESS_UNKNOWN")
    public void remove(@PathParam("id") UUID id) {
        rules.removeAddress(caller.subject(), id);
    }
}
