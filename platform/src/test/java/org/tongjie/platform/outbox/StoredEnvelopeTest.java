package org.tongjie.platform.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.tongjie.platform.events.DomainEvent;
import org.tongjie.platform.events.EventEnvelope;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the outbox stores is the event envelope as consumers read it, whatever the event's fields are. */
class StoredEnvelopeTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    record Varied(UUID copyId, String title, LocalDate dueDate, Instant at, long fen, BigDecimal rate,
            List<String> barcodes, String missing) implements DomainEvent {

        @Override
        public String topic() {
            return "test.varied";
        }

        @Override
        public String aggregateType() {
            return "Copy";
        }

        @Override
        public String aggregateId() {
            return copyId.toString();
        }
    }

    @Test
    void shouldStoreWhatTheEnvelopeItselfWouldWrite() throws Exception {
        Varied event = new Varied(UUID.randomUUID(), "红楼梦 \"quoted\" \\ and\nnew line", LocalDate.of(2026, 12, 1),
                Instant.parse("2026-11-24T01:02:03.456789Z"), 1_250L, new BigDecimal("0.125"),
                List.of("NJL0000001", "NJL0000002"), null);
        UUID id = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-24T01:02:03.123456Z");
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        String stored = mapper.writeValueAsString(new Outbox.Stored(id, event.eventType(), event.eventVersion(), now,
                event.aggregateType(), event.aggregateId(), traceparent, mapper.writeValueAsString(event)));
        EventEnvelope expected = new EventEnvelope(id, event.eventType(), event.eventVersion(), now,
                event.aggregateType(), event.aggregateId(), traceparent, mapper.valueToTree(event));

        // Compared as read back, as consumers read them (a tree made from values keeps Java's number types).
        String written = mapper.writeValueAsString(expected);
        assertEquals(mapper.readTree(written), mapper.readTree(stored));
        assertEquals(EventEnvelope.parse(mapper, written), EventEnvelope.parse(mapper, stored));
        assertEquals(event, EventEnvelope.parse(mapper, stored).dataAs(mapper, Varied.class));
    }
}
