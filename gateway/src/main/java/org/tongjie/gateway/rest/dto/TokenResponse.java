package org.tongjie.gateway.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An OAuth2 access token response (RFC 6749 section 5.1). */
@Schema(name = "TokenResponse")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") @Schema(example = "Bearer") String tokenType,
        @JsonProperty("expires_in") @Schema(example = "900") long expiresIn,
        @JsonProperty("refresh_token") @Schema(description = "Good once: each refresh returns a new one. Staff and "
                + "readers get one; machine clients sign in again with their secret.") String refreshToken,
        @JsonProperty("refresh_expires_in") @Schema(example = "43200") Long refreshExpiresIn) {
}
