package org.tongjie.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.tongjie.gateway.auth.Accounts;
import org.tongjie.gateway.auth.PatronSignIn;
import org.tongjie.gateway.auth.TokenIssuer;
import org.tongjie.gateway.rest.dto.TokenResponse;
import org.tongjie.platform.problem.Problem;
import org.tongjie.platform.problem.ProblemException;
import org.tongjie.platform.security.Roles;

import java.util.List;
import java.util.Set;

@Path("/api/v1/auth/token")
@Tag(name = "Authentication", description = "Access tokens for staff, district library systems and readers")
public class TokenResource {

    private final Accounts accounts;
    private final TokenIssuer issuer;
    private final PatronSignIn patrons;

    TokenResource(Accounts accounts, TokenIssuer issuer, PatronSignIn patrons) {
        this.accounts = accounts;
        this.issuer = issuer;
        this.patrons = patrons;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get an access token", description = "OAuth2 token endpoint. grant_type=password with "
            + "username and password for staff; grant_type=password with scope=patron, username = card number and "
            + "password = PIN for readers (five wrong PINs lock the card for 15 minutes); "
            + "grant_type=client_credentials with client_id and client_secret for district library systems. The "
            + "RS256 token carries the roles (groups) and the library the caller acts for (claim library).")
    @APIResponse(responseCode = "200", description = "Token issued")
    @APIResponse(responseCode = "400", description = "UNSUPPORTED_GRANT_TYPE, INVALID_REQUEST, INVALID_GRANT, "
            + "CARD_LOCKED")
    @APIResponse(responseCode = "401", description = "INVALID_CLIENT")
    @APIResponse(responseCode = "503", description = "UPSTREAM_UNAVAILABLE: readers cannot sign in right now")
    public TokenResponse token(@RestForm("grant_type") String grantType, @RestForm String username,
            @RestForm String password, @RestForm("client_id") String clientId,
            @RestForm("client_secret") String clientSecret, @RestForm String scope) {
        if ("password".equals(grantType) && "patron".equals(scope)) {
            require("username", username);
            require("password", password);
            return respond(patrons.signIn(username, password));
        }
        if ("password".equals(grantType)) {
            require("username", username);
            require("password", password);
            var account = accounts.staffWithPassword(username, password).orElseThrow(() -> new ProblemException(400,
                    "INVALID_GRANT", "Sign-in refused", "Wrong username or password", List.of()));
            return respond(issuer.issue(account.username(), Set.of(account.role()), account.libraryCode()));
        }
        if ("client_credentials".equals(grantType)) {
            require("client_id", clientId);
            require("client_secret", clientSecret);
            var client = accounts.clientWithSecret(clientId, clientSecret).orElseThrow(() -> new ProblemException(401,
                    "INVALID_CLIENT", "Client authentication failed", "Unknown client or wrong secret", List.of()));
            return respond(issuer.issue(client.clientId(), Set.of(Roles.SYSTEM), client.libraryCode()));
        }
        throw new ProblemException(400, "UNSUPPORTED_GRANT_TYPE", "Invalid token request",
                "grant_type must be password or client_credentials",
                List.of(new Problem.FieldError("grant_type", "must be password or client_credentials")));
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank() || value.length() > 256) {
            throw new ProblemException(400, "INVALID_REQUEST", "Invalid token request", field + " is required",
                    List.of(new Problem.FieldError(field, "is required")));
        }
    }

    private static TokenResponse respond(TokenIssuer.IssuedToken token) {
        return new TokenResponse(token.accessToken(), "Bearer", token.expiresInSeconds());
    }
}
