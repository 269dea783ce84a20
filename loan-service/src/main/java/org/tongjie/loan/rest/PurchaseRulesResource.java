package org.tongjie.loan.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tongjie.loan.rest.dto.Codes;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.loan.purchase.Bookstores;
import org.tongjie.loan.rest.dto.PurchaseDtos.RulesRequest;
import org.tongjie.loan.rest.dto.PurchaseDtos.RulesView;
import org.tongjie.platform.security.Roles;

import java.util.List;

@Path("/purchase-rules/{library}")
@Tag(name = "Bookstore purchases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PurchaseRulesResource {

    private static final String CODE = Codes.PATTERN;

    private final Bookstores bookstores;

    PurchaseRulesResource(Bookstores bookstores) {
        this.bookstores = bookstores;
    }

    @GET
    @PermitAll
    @Operation(summary = "A library's rules for books readers pick at its partner bookstores")
    @APIResponse(responseCode = "200", description = "The rules")
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED: not a library code")
    @APIResponse(responseCode = "404", description = "PURCHASES_NOT_OFFERED")
    public RulesView get(@PathParam("library") @Pattern(regexp = CODE) String library) {
        return RulesView.of(bookstores.rules(library));
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set a library's bookstore purchase rules", description = "By an administrator of the "
            + "library; applies to purchases from now on. Setting rules is what makes the library offer "
            + "purchases at its partner bookstores.")
    @APIResponse(responseCode = "200", description = "The rules")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION, ADMIN_REQUIRED")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED")
    public RulesView set(@PathParam("library") @Pattern(regexp = CODE) String library,
            @NotNull @Valid RulesRequest request) {
        return RulesView.of(bookstores.setRules(library, request.monthlyQuota(), request.priceCapFen(),
                request.maxNetworkCopies(), request.excludedClasses() == null ? List.of() : request.excludedClasses()));
    }
}
