package org.tongjie.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.tongjie.gateway.auth.Accounts;
import org.tongjie.gateway.auth.PatronSignIn;
import org.tongjie.gateway.auth.RefreshTokens;
import org.tongjie.gateway.auth.StaffAccount;
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
    private final RefreshTokens refreshTokens;

    TokenResource(Accounts accounts, TokenIssuer issuer, PatronSignIn patrons, RefreshTokens refreshTokens) {
        this.accounts = accounts;
        this.issuer = issuer;
        this.patrons = patrons;
        this.refreshTokens = refreshTokens;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get an access token", description = "OAuth2 token endpoint. grant_type=password with "
            + "username and password for staff (five wrong passwords lock the account for 15 minutes); "
            + "grant_type=password with scope=patron, username = card number and password = PIN for readers (five "
            + "wrong PINs lock the card for 15 minutes); grant_type=client_credentials with client_id and "
            + "client_secret for district library systems; grant_type=refresh_token with refresh_token to renew a "
            + "staff or reader session (each refresh token works once; reusing one revokes the session). The "
            + "RS256 access token carries the roles (groups) and the library the caller acts for (claim library). "
            + "Limited to 60 requests a minute per address.")
    @APIResponse(responseCode = "200", description = "Token issued", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class),
            examples = @ExampleObject(name = "reader", value = "{\"access_token\": \"eyJhbGciOiJSUzI1NiJ9...\", "
                    + "\"token_type\": \"Bearer\", \"expires_in\": 900, \"refresh_token\": \"5mQ3...\", "
                    + "\"refresh_expires_in\": 2592000}")))
    @APIResponse(responseCode = "400", description = "UNSUPPORTED_GRANT_TYPE, INVALID_REQUEST, INVALID_GRANT, "
            + "CARD_LOCKED, ACCOUNT_LOCKED")
    @APIResponse(responseCode = "401", description = "INVALID_CLIENT")
    @APIResponse(responseCode = "429", description = "QUOTA_EXCEEDED: too many token requests from this address")
    @APIResponse(responseCode = "503", description = "UPSTREAM_UNAVAILABLE: readers cannot sign in right now")
    public TokenResponse token(@RestForm("grant_type") String grantType, @RestForm String username,
            @RestForm String password, @RestForm("client_id") String clientId,
            @RestForm("client_secret") String clientSecret, @RestForm String scope,
            @RestForm("refresh_token") String refreshToken) {
        if ("password".equals(grantType) && "patron".equals(scope)) {
            require("username", username);
            require("password", password);
            String card = patrons.signIn(username, password);
            return withRefresh(issuer.issue(card, Set.of(Roles.PATRON), null),
                    refreshTokens.issue(card, RefreshTokens.Kind.PATRON), RefreshTokens.Kind.PATRON);
        }
        if ("password".equals(grantType)) {
            require("username", username);
            require("password", password);
            StaffAccount account = accounts.signIn(username, password);
            return withRefresh(staffToken(account), refreshTokens.issue(account.username(),
                    RefreshTokens.Kind.STAFF), RefreshTokens.Kind.STAFF);
        }
        if ("client_credentials".equals(grantType)) {
            require("client_id", clientId);
            require("client_secret", clientSecret);
            var client = accounts.clientWithSecret(clientId, clientSecret).orElseThrow(() -> new ProblemException(401,
                    "INVALID_CLIENT", "Client authentication failed", "Unknown client or wrong secret", List.of()));
            var token = issuer.issue(client.clientId(), Set.of(Roles.SYSTEM), client.libraryCode(),
                    client.bookstoreCode());
            return new TokenResponse(token.accessToken(), "Bearer", token.expiresInSeconds(), null, null);
        }
        if ("refresh_token".equals(grantType)) {
            require("refresh_token", refreshToken);
            return refresh(refreshToken);
        }
        throw new ProblemException(400, "UNSUPPORTED_GRANT_TYPE", "Invalid token request",
                "grant_type must be password, client_credentials or refresh_token",
                List.of(new Problem.FieldError("grant_type", "must be password, client_credentials or refresh_token")));
    }

    @POST
    @Path("/revocation")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Sign out: revoke a refresh token", description = "RFC 7009. Revokes the token and every "
            + "token refreshed from it. Answers 200 whether or not the token was known.")
    @APIResponse(responseCode = "200", description = "Revoked (or never valid)")
    @APIResponse(responseCode = "400", description = "INVALID_REQUEST: token missing")
    @APIResponse(responseCode = "429", description = "QUOTA_EXCEEDED")
    public void revoke(@RestForm String token) {
        require("token", token);
        refreshTokens.revoke(token);
    }

    private TokenResponse refresh(String refreshToken) {
        RefreshTokens.Redeemed redeemed = refreshTokens.redeem(refreshToken).orElseThrow(() -> new ProblemException(
                400, "INVALID_GRANT", "Refresh refused", "The refresh token is unknown, expired, revoked or was "
                + "already used; sign in again", List.of()));
        TokenIssuer.IssuedToken token;
        if (redeemed.kind() == RefreshTokens.Kind.PATRON) {
            token = issuer.issue(redeemed.subject(), Set.of(Roles.PATRON), null);
        } else {
            StaffAccount account = accounts.activeStaff(redeemed.subject()).orElseThrow(() -> {
                refreshTokens.revokeAll(redeemed.subject(), RefreshTokens.Kind.STAFF);
                return new ProblemException(400, "INVALID_GRANT", "Refresh refused",
                        "The account is disabled or locked; sign in again", List.of());
            });
            token = staffToken(account);
        }
        return new TokenResponse(token.accessToken(), "Bearer", token.expiresInSeconds(), redeemed.replacement(),
                redeemed.expiresInSeconds());
    }

    private TokenIssuer.IssuedToken staffToken(StaffAccount account) {
        return issuer.issue(account.username(), Set.of(account.role()), account.libraryCode());
    }

    private TokenResponse withRefresh(TokenIssuer.IssuedToken token, String refreshToken, RefreshTokens.Kind kind) {
        return new TokenResponse(token.accessToken(), "Bearer", token.expiresInSeconds(), refreshToken,
                refreshTokens.lifetimeSeconds(kind));
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank() || value.length() > 256) {
            throw new ProblemException(400, "INVALID_REQUEST", "Invalid token request", field + " is required",
                    List.of(new Problem.FieldError(field, "is required")));
        }
    }
}
