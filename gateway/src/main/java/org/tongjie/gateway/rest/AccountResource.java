package org.tongjie.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
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
import org.tongjie.gateway.auth.Accounts;
import org.tongjie.platform.security.SecretHashing;
import org.tongjie.gateway.rest.dto.ClientRequest;
import org.tongjie.gateway.rest.dto.ClientResponse;
import org.tongjie.gateway.rest.dto.StaffAccountRequest;
import org.tongjie.gateway.rest.dto.StaffAccountResponse;
import org.tongjie.platform.idempotency.Idempotent;
import org.tongjie.platform.rest.ApiConventionsFilter;
import org.tongjie.platform.security.Roles;

@Path("/api/v1")
@Tag(name = "Accounts", description = "Staff accounts and machine clients, managed by administrators")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AccountResource {

    private final Accounts accounts;

    AccountResource(Accounts accounts) {
        this.accounts = accounts;
    }

    @POST
    @Idempotent
    @Parameter(ref = ApiConventionsFilter.IDEMPOTENCY_KEY)
    @Path("/staff-accounts")
    @Operation(summary = "Create a staff account", description = "A library's administrator creates librarians "
            + "and administrators of that library; a network administrator creates any, including operators.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION, NETWORK_ADMIN_REQUIRED")
    @APIResponse(responseCode = "409", description = "USERNAME_TAKEN")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED")
    public Response createStaff(@NotNull @Valid StaffAccountRequest request) {
        var account = accounts.createStaff(request.username(), request.password(), request.displayName(),
                request.role(), request.libraryCode());
        return Response.status(Response.Status.CREATED).entity(StaffAccountResponse.from(account)).build();
    }

    @POST
    @Path("/clients")
    @Operation(summary = "Create a machine client", description = "For a district library system acting for one "
            + "library. The generated secret is in this response only.")
    @APIResponse(responseCode = "201", description = "Created, with its secret")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "409", description = "CLIENT_ID_TAKEN")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED")
    public Response createClient(@NotNull @Valid ClientRequest request) {
        String secret = SecretHashing.newSecret();
        var client = accounts.createClient(request.clientId(), secret, request.displayName(), request.libraryCode());
        return Response.status(Response.Status.CREATED)
                .entity(new ClientResponse(client.clientId(), client.displayName(), client.libraryCode(), secret))
                .build();
    }
}
