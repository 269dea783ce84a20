package org.tongjie.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A created machine client; the secret is shown this once and stored only as a hash. */
@Schema(name = "Client")
public record ClientResponse(String clientId, String displayName, String libraryCode,
        @Schema(description = "The partner bookstore this client is; absent for a library system") String bookstoreCode,
        @Schema(description = "Shown only in the creation response") String clientSecret) {

    public static ClientResponse of(org.tongjie.gateway.auth.MachineClient client, String secret) {
        return new ClientResponse(client.clientId(), client.displayName(), client.libraryCode(),
                client.bookstoreCode(), secret);
    }
}
