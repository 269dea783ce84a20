package org.tongjie.loan.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.loan.rest.dto.CirculationRequests;
import org.tongjie.loan.rest.dto.PatronResponse;
import org.tongjie.loan.service.PatronBlocks;
import org.tongjie.loan.service.Patrons;
import org.tongjie.loan.domain.Patron;
import org.tongjie.platform.security.Roles;

@Path("/patron-authentications")
@Tag(name = "Patrons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PatronAuthenticationResource {

    private final Patrons patrons;
    private final PatronBlocks blocks;

    PatronAuthenticationResource(Patrons patrons, PatronBlocks blocks) {
        this.patrons = patrons;
        this.blocks = blocks;
    }

    @POST
    @RolesAllowed(Roles.SYSTEM)
    @Operation(summary = "Check a card number and PIN", description = "For the gateway's token endpoint and "
            + "self-service machines. Five wrong PINs lock the card for 15 minutes; the answer never says "
            + "whether the card or the PIN was wrong.")
    @APIResponse(responseCode = "200", description = "Card and PIN match")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "INVALID_CREDENTIALS (or no valid token)")
    @APIResponse(responseCode = "403", description = "Not a system client")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED")
    @APIResponse(responseCode = "423", description = "CARD_LOCKED")
    public PatronResponse verify(@NotNull @Valid CirculationRequests.PinCheck request) {
        Patron patron = patrons.verifyPin(request.cardNumber(), request.pin());
        return PatronResponse.from(patron, blocks.current(patron));
    }
}
