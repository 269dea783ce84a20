package org.tongjie.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.UUID;

/**
 * The JSON envelope every domain event travels in. The Kafka key is {@code aggregateId}; the value is
 * this envelope; {@code data} holds the event's own fields.
 */
public record EventEnvelope(
        UUID eventId,
        String eventType,
        int eventVersion,
        Instant occurredAt,
        String aggregateType,
        String aggregateId,
        String traceparent,
        JsonNode data) {

    /** Reads {@code data} as the consumer's own copy of the event record. */
    public <T> T dataAs(ObjectMapper mapper, Class<T> type) {
        try {
            return mapper.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + eventId + " (" + eventType + ") has unreadable data", e);
        }
    }

    /** Parses one envelope from JSON text, refusing anything without an id and a type. */
    public static EventEnvelope parse(ObjectMapper mapper, String json) {
        try {
            EventEnvelope envelope = mapper.readValue(json, EventEnvelope.class);
            if (envelope.eventId() == null || envelope.eventType() == null || envelope.aggregateId() == null) {
                throw new IllegalArgumentException("Event envelope lacks eventId, eventType or aggregateId");
            }
            return envelope;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not an event envelope: " + e.getOriginalMessage(), e);
        }
    }
}
