package org.tongjie.delivery.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.delivery.rest.dto.DeliveryPointResponse;
import org.tongjie.delivery.service.DeliveryPoints;

import java.util.List;

@Path("/delivery-points")
@Tag(name = "Delivery points", description = "Hubs that dispatch deliveries and lockers or reading bars that "
        + "receive them")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryPointResource {

    private final DeliveryPoints points;

    DeliveryPointResource(DeliveryPoints points) {
        this.points = points;
    }

    @GET
    @PermitAll
    @Operation(summary = "List a library's delivery points", description = "Learnt from the catalog's "
            + "ServicePointOpened events within seconds of a service point opening.")
    @APIResponse(responseCode = "200", description = "The library's delivery points (empty when it has none)")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: library missing")
    public List<DeliveryPointResponse> list(@QueryParam("library") @NotBlank @Size(max = 32) String library) {
        return points.ofLibrary(library).stream().map(DeliveryPointResponse::from).toList();
    }
}
