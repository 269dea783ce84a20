package org.tongjie.delivery.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.delivery.rest.dto.DeliveryDtos;
import org.tongjie.delivery.service.DeliveryRules;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Roles;

@Path("/delivery-settings/{libraryCode}")
@Tag(name = "Delivery settings", description = "Each library's home-delivery rules: service area, order size, fee")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeliverySettingsResource {

    private final DeliveryRules rules;

    DeliverySettingsResource(DeliveryRules rules) {
        this.rules = rules;
    }

    @GET
    @PermitAll
    @Operation(summary = "Get the delivery rules that apply to a library",
            description = "The library's own rules, else those of its nearest ancestor (a branch delivers under its "
                    + "city library's rules).")
    @APIResponse(responseCode = "200", description = "The rules")
    @APIResponse(responseCode = "404", description = "DELIVERY_NOT_OFFERED")
    public DeliveryDtos.Settings get(@PathParam("libraryCode") String libraryCode) {
        return rules.settingsFor(libraryCode).map(DeliveryDtos.Settings::from).orElseThrow(() ->
                ProblemException.notFound("DELIVERY_NOT_OFFERED", "Library " + libraryCode + " does not deliver"));
    }

    @PUT
    @RolesAllowed({Roles.ADMIN})
    @Operation(summary = "Set a library's delivery rules", description = "E.g. the Hangzhou rule: ¥3 for up to 3 "
            + "books, ¥1 for each more; free to community points. Applies to orders placed from now on.")
    @APIResponse(responseCode = "200", description = "The rules now in force")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an administrator of this library")
    @APIResponse(responseCode = "422", description = "LIBRARY_UNKNOWN")
    public DeliveryDtos.Settings put(@PathParam("libraryCode") String libraryCode,
            @NotNull @Valid DeliveryDtos.Settings settings) {
        return DeliveryDtos.Settings.from(rules.configure(libraryCode, settings.rules()));
    }
}
