package org.tongjie.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A created machine client; the secret is shown this once and stored only as a hash. */
@Schema(name = "Client")
public record ClientResponse(String clientId, String displayName, String libraryCode,
        @Schema(description = "Shown only in the creation response") String clientSecret) {
}
