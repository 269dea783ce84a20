package org.tongjie.delivery.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.tongjie.delivery.config.DeliveryConfig;
import org.tongjie.delivery.domain.ReturnPickup;
import org.tongjie.delivery.domain.ShipmentStatus;
import org.tongjie.platform.problem.ProblemException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Tracking events carriers post to us. Each call is signed: HMAC-SHA256 with the carrier's secret over
 * {@code <timestamp>.<body>}, the timestamp (epoch seconds) within the window; anything else is refused
 * before a byte is read as JSON. A carrier event id is applied once.
 */
@ApplicationScoped
public class CarrierWebhooks {

    /** What a carrier reports. */
    public record CarrierEvent(String eventId, String trackingNumber, String status, Instant occurredAt,
            String location, Instant estimatedDelivery) {
    }

    /** What the call did. */
    public record Outcome(String trackingNumber, String kind, String status, boolean applied, boolean duplicate) {
    }

    private final DeliveryConfig config;
    private final Carriers carriers;
    private final Shipments shipments;
    private final ReturnPickups pickups;
    private final ObjectMapper mapper;
    private final EntityManager em;
    private final Clock clock;

    CarrierWebhooks(DeliveryConfig config, Carriers carriers, Shipments shipments, ReturnPickups pickups,
            ObjectMapper mapper, EntityManager em, Clock clock) {
        this.config = config;
        this.carriers = carriers;
        this.shipments = shipments;
        this.pickups = pickups;
        this.mapper = mapper;
        this.em = em;
        this.clock = clock;
    }

    /** Refuses (401) a call that is not signed by the named carrier within the time window. */
    public void verify(String carrier, String timestamp, String signature, byte[] body) {
        String secret = carriers.secretOf(carrier).orElseThrow(() ->
                unauthorized("CARRIER_UNKNOWN", "No carrier " + carrier));
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp.trim());
        } catch (NumberFormatException e) {
            throw unauthorized("SIGNATURE_INVALID", "X-Tongjie-Timestamp must be epoch seconds");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > config.signatureWindow().toSeconds()) {
            throw unauthorized("SIGNATURE_EXPIRED", "The timestamp is " + skew + " s away from now; at most "
                    + config.signatureWindow().toSeconds() + " s are accepted");
        }
        byte[] expected = sign(secret, timestamp.trim(), body);
        byte[] given;
        try {
            String hex = signature == null ? "" : signature.trim();
            given = HexFormat.of().parseHex(hex.startsWith("sha256=") ? hex.substring(7) : hex);
        } catch (IllegalArgumentException e) {
            throw unauthorized("SIGNATURE_INVALID", "X-Tongjie-Signature must be sha256=<hex>");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw unauthorized("SIGNATURE_INVALID", "The signature does not match the body");
        }
    }

    /** The signature a carrier sends: HMAC-SHA256 over {@code <timestamp>.<body>}. */
    public static byte[] sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a verified body; a malformed one is a 400 naming the field. */
    public CarrierEvent parse(byte[] body) {
        CarrierEvent event;
        try {
            event = mapper.readValue(body, CarrierEvent.class);
        } catch (java.io.IOException e) {
            throw new ProblemException(400, "MALFORMED_BODY", "Malformed body", "Expected a carrier event as JSON",
                    List.of());
        }
        requireField(event.eventId(), "eventId");
        requireField(event.trackingNumber(), "trackingNumber");
        requireField(event.status(), "status");
        if (event.occurredAt() == null) {
            throw ProblemException.invalidField("FIELD_REQUIRED", "occurredAt", "occurredAt is required");
        }
        if (event.eventId().length() > 100 || event.trackingNumber().length() > 64
                || (event.location() != null && event.location().length() > 200)) {
            throw ProblemException.invalidField("FIELD_TOO_LONG", "eventId", "eventId ≤ 100, trackingNumber ≤ 64,"
                    + " location ≤ 200 characters");
        }
        return event;
    }

    /** Applies a verified event once: to the shipment or return pickup its tracking number names. */
    @Transactional
    public Outcome apply(String carrier, CarrierEvent event) {
        int fresh = em.createNativeQuery("INSERT INTO carrier_event (carrier, event_id, received_at) VALUES (?1, ?2,"
                + " ?3) ON CONFLICT DO NOTHING").setParameter(1, carrier).setParameter(2, event.eventId())
                .setParameter(3, clock.instant()).executeUpdate();
        if (fresh == 0) {
            return new Outcome(event.trackingNumber(), null, null, false, true);
        }
        var shipment = shipments.tracked(carrier, event.trackingNumber());
        if (shipment.isPresent()) {
            ShipmentStatus status = shipmentStatus(event.status());
            Shipments.Report report = shipments.reported(shipment.get(), status, event.occurredAt(), event.location(),
                    event.estimatedDelivery());
            return new Outcome(event.trackingNumber(), "SHIPMENT", report.status().name(), report.applied(), false);
        }
        ReturnPickup pickup = pickups.tracked(carrier, event.trackingNumber()).orElseThrow(() ->
                ProblemException.invalidField("TRACKING_NUMBER_UNKNOWN", "trackingNumber", "No shipment or return"
                        + " pickup of " + carrier + " under " + event.trackingNumber()));
        boolean applied = "PICKED_UP".equals(event.status()) && pickups.pickedUp(pickup);
        return new Outcome(event.trackingNumber(), "RETURN_PICKUP", pickup.status().name(), applied, false);
    }

    private static ShipmentStatus shipmentStatus(String status) {
        try {
            ShipmentStatus parsed = ShipmentStatus.valueOf(status);
            if (ShipmentStatus.FROM_CARRIER.contains(parsed)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ProblemException.invalidField("STATUS_UNKNOWN", "status", status + " is not one of "
                + new java.util.TreeSet<>(ShipmentStatus.FROM_CARRIER.stream().map(Enum::name).toList()));
    }

    private static void requireField(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField("FIELD_REQUIRED", field, field + " is required");
        }
    }

    private static ProblemException unauthorized(String code, String detail) {
        return new ProblemException(401, code, "Webhook call refused", detail, List.of());
    }
}
