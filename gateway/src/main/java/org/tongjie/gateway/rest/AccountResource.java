package org.tongjie.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.gateway.auth.Accounts;
import org.tongjie.gateway.auth.RefreshTokens;
import org.tongjie.gateway.rest.dto.PasswordReset;
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
    private final RefreshTokens refreshTokens;

    AccountResource(Accounts accounts, RefreshTokens refreshTokens) {
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
    }

    @PUT
    @Path("/staff-accounts/{username}/password")
    @Operation(summary = "Set a staff member's password", description = "By an administrator of the account's "
            + "library (or of the network). Lifts a lock-out and signs the account out everywhere: its refresh "
            + "tokens are revoked.")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION, NETWORK_ADMIN_REQUIRED")
    @APIResponse(responseCode = "404", description = "ACCOUNT_NOT_FOUND")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED")
    public StaffAccountResponse resetPassword(@PathParam("username") String username,
            @NotNull @Valid PasswordReset request) {
        var account = accounts.resetPassword(username, request.password());
        refreshTokens.revokeAll(account.username(), RefreshTokens.Kind.STAFF);
        return StaffAccountResponse.from(account);
    }

    @POST
    @Path("/clients/{clientId}/secret-rotations")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Rotate a machine client's secret", description = "By an administrator of the client's "
            + "library. The new secret is in this response only; the old one stops working at once (tokens already "
            + "issued expire within 15 minutes).")
    @APIResponse(responseCode = "200", description = "The client with its new secret")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "404", description = "CLIENT_NOT_FOUND")
    public ClientResponse rotateSecret(@PathParam("clientId") String clientId) {
        String secret = SecretHashing.newSecret();
        var client = accounts.rotateSecret(clientId, secret);
        return ClientResponse.of(client, secret);
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
            + "library, or for one of its partner bookstores (with `bookstoreCode`: its tokens then reach only that "
            + "bookstore's purchase endpoints). The generated secret is in this response only.")
    @APIResponse(responseCode = "201", description = "Created, with its secret")
    @APIResponse(responseCode = "400", description = "Malformed JSON or wrong field types")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "LIBRARY_SCOPE_VIOLATION")
    @APIResponse(responseCode = "409", description = "CLIENT_ID_TAKEN, BOOKSTORE_HAS_CLIENT")
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED")
    public Response createClient(@NotNull @Valid ClientRequest request) {
        String secret = SecretHashing.newSecret();
        var client = accounts.createClient(request.clientId(), secret, request.displayName(), request.libraryCode(),
                request.bookstoreCode());
        return Response.status(Response.Status.CREATED).entity(ClientResponse.of(client, secret)).build();
    }
}
