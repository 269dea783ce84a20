package org.tongjie.gateway.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** loan-service's card-and-PIN check, called with the gateway's own SYSTEM token. */
@RegisterRestClient(configKey = "loan-patrons")
@Path("/patron-authentications")
public interface PatronAuthenticationClient {

    /** The card and PIN to check. */
    record PinCheck(String cardNumber, String pin) {
    }

    /** The reader, when card and PIN match. */
    record Reader(String cardNumber, String patronType, String homeLibrary) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response verify(@HeaderParam("Authorization") String authorization, PinCheck check);
}
