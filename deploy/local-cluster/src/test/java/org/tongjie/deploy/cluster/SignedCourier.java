package org.tongjie.deploy.cluster;

import io.restassured.response.ValidatableResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** A courier company posting tracking events to the gateway, signed as the webhook contract says. */
final class SignedCourier {

    private final String carrier;
    private final String secret;

    SignedCourier(String carrier, String secret) {
        this.carrier = carrier;
        this.secret = secret;
    }

    ValidatableResponse reports(String trackingNumber, String status) {
        String body = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"trackingNumber\":\"" + trackingNumber
                + "\",\"status\":\"" + status + "\",\"occurredAt\":\"" + Instant.now() + "\",\"location\":\"南京\"}";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return given().contentType("application/json").header("X-Tongjie-Timestamp", timestamp)
                .header("X-Tongjie-Signature", CarrierSecrets.signature(secret, timestamp, body))
                .body(body.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/carriers/" + carrier + "/events")
                .then();
    }
}
