package org.tongjie.delivery.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tongjie.delivery.service.CarrierWebhooks;

@Path("/carriers/{carrier}/events")
@Tag(name = "Carrier webhooks", description = "Tracking events couriers push to us, signed")
@Produces(MediaType.APPLICATION_JSON)
public class CarrierResource {

    private final CarrierWebhooks webhooks;

    CarrierResource(CarrierWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Receive a carrier's tracking event", description = "Headers: X-Tongjie-Timestamp (epoch "
            + "seconds, within 5 minutes of now) and X-Tongjie-Signature: sha256=<hex HMAC-SHA256 of "
            + "\"<timestamp>.<raw body>\" with the carrier's secret>. An event id is applied once (a replay answers "
            + "duplicate=true); a report older than the shipment's current status is kept on the timeline but never "
            + "moves it backwards. Statuses: IN_TRANSIT, OUT_FOR_DELIVERY, FAILED_ATTEMPT, DELIVERED, "
            + "RETURNED_TO_LIBRARY; PICKED_UP for return pickups.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "delivered",
            value = "{\"eventId\":\"sf-7781\",\"trackingNumber\":\"SF1234567890\",\"status\":\"DELIVERED\","
                    + "\"occurredAt\":\"2026-11-22T06:30:00Z\",\"location\":\"南京市雨花台区\"}")))
    @APIResponse(responseCode = "200", description = "Accepted (applied, kept on the timeline only, or duplicate)")
    @APIResponse(responseCode = "400", description = "MALFORMED_BODY")
    @APIResponse(responseCode = "401", description = "SIGNATURE_INVALID, SIGNATURE_EXPIRED, CARRIER_UNKNOWN")
    @APIResponse(responseCode = "422", description = "TRACKING_NUMBER_UNKNOWN, STATUS_UNKNOWN, FIELD_REQUIRED")
    public CarrierWebhooks.Outcome receive(@PathParam("carrier") String carrier,
            @HeaderParam("X-Tongjie-Timestamp") String timestamp,
            @HeaderParam("X-Tongjie-Signature") String signature, byte[] body) {
        webhooks.verify(carrier, timestamp, signature, body == null ? new byte[0] : body);
        return webhooks.apply(carrier, webhooks.parse(body));
    }
}
