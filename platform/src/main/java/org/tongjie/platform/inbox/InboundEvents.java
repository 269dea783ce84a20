package org.tongjie.platform.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.tongjie.platform.events.EventEnvelope;

import java.util.function.Consumer;

/**
 * Applies one incoming event exactly once in effect: parses the envelope, and in a new transaction records
 * it in the inbox and runs the effect, or skips it when the inbox already has it. Transient failures are
 * retried with backoff; what still fails is thrown to the messaging layer (dead-letter topic).
 */
@ApplicationScoped
public class InboundEvents {

    private static final Logger LOG = Logger.getLogger(InboundEvents.class);
    private static final int ATTEMPTS = 5;

    private final ObjectMapper mapper;
    private final Inbox inbox;

    InboundEvents(ObjectMapper mapper, Inbox inbox) {
        this.mapper = mapper;
        this.inbox = inbox;
    }

    /** Returns true when the effect ran, false when the event was a redelivery. */
    public boolean handle(String consumer, String json, Consumer<EventEnvelope> effect) {
        EventEnvelope envelope = EventEnvelope.parse(mapper, json);
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    if (!inbox.firstDelivery(consumer, envelope.eventId(), envelope.eventType())) {
                        return false;
                    }
                    effect.accept(envelope);
                    return true;
                });
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("%s could not apply %s %s (attempt %d): %s", consumer, envelope.eventType(),
                        envelope.eventId(), attempt, e.toString());
                sleep(100L << attempt);
            }
        }
    }

    /** The mapper consumers use to read {@link EventEnvelope#data()}. */
    public ObjectMapper mapper() {
        return mapper;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying an event", e);
        }
    }
}
