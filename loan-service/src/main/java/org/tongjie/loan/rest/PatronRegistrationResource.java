package org.tongjie.loan.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.loan.domain.Patron;
import org.tongjie.loan.rest.dto.PatronResponse;
import org.tongjie.loan.rest.dto.SelfRegistrationRequest;
import org.tongjie.loan.service.Patrons;
import org.tongjie.platform.idempotency.Idempotent;
import org.tongjie.platform.rest.ApiConventionsFilter;

import java.net.URI;
import java.util.List;

@Path("/patron-registrations")
@Tag(name = "Patrons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PatronRegistrationResource {

    private final Patrons patrons;

    PatronRegistrationResource(Patrons patrons) {
        this.patrons = patrons;
    }

    @POST
    @PermitAll
    @Idempotent
    @Parameter(ref = ApiConventionsFilter.IDEMPOTENCY_KEY)
    @Operation(summary = "Sign up as a reader (电子读者证)", description = "No token needed. The resident ID is "
            + "required: its check character is verified, one resident gets one card, and its birth date sets the "
            + "reader's type (CHILD under 14, SENIOR from 60, else ADULT). The card number is assigned (E + 11 "
            + "digits); sign in with it and the PIN. Send an Idempotency-Key so a retry cannot make a second card.")
    @APIResponse(responseCode = "201", description = "Registered, with the new card number")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "409", description = "RESIDENT_ID_REGISTERED")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED, INVALID_RESIDENT_ID, LIBRARY_UNKNOWN")
    public Response register(@NotNull @Valid SelfRegistrationRequest request) {
        Patron patron = patrons.selfRegister(request.toRegistration());
        return Response.created(URI.create("/patrons/" + patron.cardNumber()))
                .entity(PatronResponse.from(patron, List.of())).build();
    }
}
